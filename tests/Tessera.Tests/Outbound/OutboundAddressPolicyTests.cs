using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tessera.Outbound;

namespace Tessera.Tests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    private static OutboundAddressPolicy Policy(bool allowPrivateNetworks, params string[] machineAddresses) => new(
        Options.Create(new OutboundOptions { AllowPrivateNetworks = allowPrivateNetworks }),
        new MachineAddresses(TimeProvider.System, () => machineAddresses.Select(IPAddress.Parse)));

    [Theory]
    [InlineData("9.9.9.9")]
    [InlineData("::ffff:9.9.9.9")]
    [InlineData("2606:4700::9")]
    public void A_public_address_of_this_machine_is_refused(string address)
    {
        var policy = Policy(false, "9.9.9.9", "2606:4700::9");

        Assert.Contains("this machine's own", policy.Refusal(IPAddress.Parse(address), 443), StringComparison.Ordinal);
        Assert.Null(Policy(false, "9.9.9.9").Refusal(IPAddress.Parse("8.8.8.8"), 443));
    }

    [Fact]
    public void A_public_address_the_machine_has_is_refused_and_opened_by_allow_private_networks()
    {
        Assert.NotNull(Policy(false, "8.8.4.4").Refusal(IPAddress.Parse("8.8.4.4"), 80));
        Assert.Null(Policy(true, "8.8.4.4").Refusal(IPAddress.Parse("8.8.4.4"), 80));
    }

    [Fact]
    public void Every_interface_address_of_the_real_machine_is_refused()
    {
        using var host = new OutboundTestHost(allowPrivateNetworks: false);
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(network => network.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .ToList();

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.NotNull(host.Policy.Refusal(address, 80)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    public void Allow_private_networks_opens_the_operators_own_networks(string address)
    {
        Assert.NotNull(Policy(false).Refusal(IPAddress.Parse(address), 80));
        Assert.Null(Policy(true).Refusal(IPAddress.Parse(address), 80));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.1")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.0.9")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    public void Special_purpose_ranges_stay_refused_with_private_networks_allowed(string address)
    {
        Assert.NotNull(Policy(true).Refusal(IPAddress.Parse(address), 80));
    }

    [Fact]
    public void The_machine_addresses_are_read_again_after_the_refresh_interval()
    {
        var time = new FakeTimeProvider();
        var current = "8.8.8.8";
        var machine = new MachineAddresses(time, () => [IPAddress.Parse(current)]);

        Assert.True(machine.Contains(IPAddress.Parse("8.8.8.8")));
        current = "1.1.1.1";
        Assert.False(machine.Contains(IPAddress.Parse("1.1.1.1")));
        time.Advance(MachineAddresses.RefreshAfter + TimeSpan.FromSeconds(1));
        Assert.True(machine.Contains(IPAddress.Parse("1.1.1.1")));
        Assert.False(machine.Contains(IPAddress.Parse("8.8.8.8")));
    }
}

using Tessera.Verification;

namespace Tessera.Tests.Verification;

/// <summary>The service API the placement flow uses: check without spending, spend once, view until expiry.</summary>
public sealed class VerificationTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checking_a_token_does_not_spend_it()
    {
        await using var host = VerificationHost.Create();
        var token = await host.SolvedTokenAsync();

        var first = await host.Service.CheckTokenAsync(token, Ct);
        var second = await host.Service.CheckTokenAsync(token, Ct);

        Assert.Equal(TokenState.Valid, first.State);
        Assert.True(first.Passes);
        Assert.True(first.Score >= 40);
        Assert.Equal(first, second);
        Assert.True((await host.Service.SpendTokenAsync(token, Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_token_spends_exactly_once_under_a_race()
    {
        await using var host = VerificationHost.Create();
        var token = await host.SolvedTokenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => host.Service.SpendTokenAsync(token, Ct), Ct)));

        var winner = Assert.Single(results, r => r.IsSuccess);
        Assert.True(winner.Value.Passes);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("verification_token_spent", r.Error!.Code));
        Assert.Equal(TokenState.Spent, (await host.Service.CheckTokenAsync(token, Ct)).State);
    }

    [Fact]
    public async Task A_spent_passing_token_still_opens_the_agent_image_until_it_expires()
    {
        await using var host = VerificationHost.Create();
        var token = await host.SolvedTokenAsync();
        Assert.True((await host.Service.SpendTokenAsync(token, Ct)).IsSuccess);

        Assert.True(await host.Service.IsValidForViewingAsync(token, Ct));
        host.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.False(await host.Service.IsValidForViewingAsync(token, Ct));
        Assert.Equal(TokenState.Expired, (await host.Service.CheckTokenAsync(token, Ct)).State);
    }

    [Fact]
    public async Task An_expired_token_cannot_be_spent()
    {
        await using var host = VerificationHost.Create();
        var token = await host.SolvedTokenAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(TokenState.Valid, (await host.Service.CheckTokenAsync(token, Ct)).State);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var spend = await host.Service.SpendTokenAsync(token, Ct);

        Assert.Equal("verification_token_expired", spend.Error?.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("vt_unknown")]
    [InlineData("not-a-token")]
    public async Task Unknown_tokens_are_unknown(string? token)
    {
        await using var host = VerificationHost.Create();

        Assert.Equal(TokenState.Unknown, (await host.Service.CheckTokenAsync(token, Ct)).State);
        Assert.Equal("invalid_verification_token", (await host.Service.SpendTokenAsync(token, Ct)).Error?.Code);
        Assert.False(await host.Service.IsValidForViewingAsync(token, Ct));
    }

    [Fact]
    public async Task A_failing_token_opens_nothing_and_spends_as_not_passing()
    {
        await using var host = VerificationHost.Create();
        var body = await host.PassAsync(await host.StartAsync(), _ => "no idea");
        var token = body.GetProperty("sessionToken").GetString()!;

        Assert.False(await host.Service.IsValidForViewingAsync(token, Ct));
        var spent = await host.Service.SpendTokenAsync(token, Ct);
        Assert.True(spent.IsSuccess);
        Assert.False(spent.Value.Passes);
        Assert.Equal(0, spent.Value.Score);
    }

    [Fact]
    public async Task The_sweep_deletes_long_expired_sessions_and_tokens_only()
    {
        await using var host = VerificationHost.Create();
        var old = await host.SolvedTokenAsync();
        await host.StartAsync(); // never answered
        Assert.Equal(0, await host.Service.PurgeExpiredAsync(Ct));

        // Past the token's 15 minutes and the day of retention (the background sweep may run now too).
        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(16));
        var recent = await host.SolvedTokenAsync();
        await host.Service.PurgeExpiredAsync(Ct);

        Assert.Equal(TokenState.Unknown, (await host.Service.CheckTokenAsync(old, Ct)).State);
        Assert.Equal(TokenState.Valid, (await host.Service.CheckTokenAsync(recent, Ct)).State);
    }

    [Fact]
    public async Task Mode_and_threshold_come_from_configuration()
    {
        await using var host = VerificationHost.Create(mode: "human", threshold: "55");
        Assert.Equal(VerificationMode.Human, host.Service.Mode);
        Assert.Equal("human", host.Service.ModeName);
        Assert.Equal(55, host.Service.Threshold);
    }
}

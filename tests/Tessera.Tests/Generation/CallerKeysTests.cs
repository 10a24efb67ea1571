using Microsoft.Extensions.Time.Testing;
using Tessera.Engines;
using Tessera.Generation;

namespace Tessera.Tests.Generation;

public sealed class CallerKeysTests
{
    [Fact]
    public void A_kept_key_is_taken_once_by_its_reference_which_is_not_the_key()
    {
        var keys = new CallerKeys(new FakeTimeProvider());
        var reference = keys.Keep(new CallerApiKey("AIza-secret"), TimeSpan.FromMinutes(5));

        Assert.DoesNotContain("AIza", reference, StringComparison.Ordinal);
        Assert.Equal("AIza-secret", keys.Take(reference)!.Value);
        Assert.Null(keys.Take(reference));
        Assert.Null(keys.Take(null));
    }

    [Fact]
    public void A_key_past_its_lifetime_is_gone()
    {
        var time = new FakeTimeProvider();
        var keys = new CallerKeys(time);
        var reference = keys.Keep(new CallerApiKey("AIza-secret"), TimeSpan.FromMinutes(5));

        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(keys.Take(reference));
    }
}

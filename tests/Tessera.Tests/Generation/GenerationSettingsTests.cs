using Microsoft.Extensions.Options;
using Tessera.Tests.Support;

namespace Tessera.Tests.Generation;

/// <summary><c>Tessera:Generation</c> settings that cannot work stop the start with the setting's name, instead of
/// failing requests later.</summary>
public sealed class GenerationSettingsTests
{
    [Theory]
    [InlineData("Tessera:Generation:Order", "imagen4,local", "Tessera:Generation:Order names 'imagen4'")]
    [InlineData("Tessera:Generation:LockedStyles:0", "baroque", "Tessera:Generation:LockedStyles names 'baroque'")]
    [InlineData("Tessera:Generation:Providers:x:Engine", "nowhere", "Tessera:Generation:Providers:x:Engine 'nowhere'")]
    [InlineData("Tessera:Generation:MaxConcurrent", "0", "must be positive")]
    [InlineData("Tessera:Generation:LocalLongSide", "4096", "LocalLongSide must be 64 to 2048")]
    public async Task A_setting_that_cannot_work_stops_the_start_naming_it(string key, string value, string expected)
    {
        await using var factory = new TesseraFactory().With(key, value);

        var error = Assert.IsType<OptionsValidationException>(Unwrap(Record.Exception(() => factory.CreateClient())));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Exception? Unwrap(Exception? error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerException) : error;
}

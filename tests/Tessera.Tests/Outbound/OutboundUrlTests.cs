using Tessera.Outbound;

namespace Tessera.Tests.Outbound;

public sealed class OutboundUrlTests
{
    [Theory]
    [InlineData("https://example.com/hook")]
    [InlineData("http://example.com:8080/a?b=c")]
    [InlineData("https://[2606:4700::1111]/")]
    public void Absolute_http_urls_with_a_host_pass(string url)
    {
        Assert.True(OutboundUrl.Validate(url).IsSuccess);
    }

    [Theory]
    [InlineData("file:///etc/passwd", OutboundErrors.BadSchemeCode)]
    [InlineData("ftp://example.com/x", OutboundErrors.BadSchemeCode)]
    [InlineData("gopher://example.com/", OutboundErrors.BadSchemeCode)]
    [InlineData("/relative/path", OutboundErrors.InvalidUrlCode)]
    [InlineData("", OutboundErrors.InvalidUrlCode)]
    [InlineData("https://user:secret@example.com/", OutboundErrors.InvalidUrlCode)]
    public void Other_urls_are_refused_with_a_code(string url, string code)
    {
        var result = OutboundUrl.Validate(url);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void A_url_longer_than_2048_characters_is_refused()
    {
        var url = "https://example.com/" + new string('a', 2048 - 19);

        Assert.True(OutboundUrl.Validate(url[..^1]).IsSuccess);
        Assert.Equal(OutboundErrors.InvalidUrlCode, OutboundUrl.Validate(url).Error?.Code);
    }
}

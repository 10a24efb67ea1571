using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Editing;

namespace Tessera.Tests.Editing;

public sealed class EditParserTests
{
    private static readonly EditParser Parser = new(Options.Create(new EditingOptions()), new EditFonts());

    private static string? ErrorOf(string json, bool template = false)
    {
        var parsed = Parser.Parse(JsonDocument.Parse(json).RootElement, template);
        return parsed.IsSuccess ? null : parsed.Error!.Message;
    }

    [Theory]
    [InlineData("""{}""", "'media_id'")]
    [InlineData("""{"media_id":"x"}""", "'media_id'")]
    [InlineData("""{"media_id":1,"crop":{"x":0,"y":0,"width":0,"height":5}}""", "'crop.width'")]
    [InlineData("""{"media_id":1,"resize":{"fit":"cover","width":10}}""", "'resize.height'")]
    [InlineData("""{"media_id":1,"filters":{"brightness":101}}""", "'filters.brightness'")]
    [InlineData("""{"media_id":1,"filters":{"blur":"lots"}}""", "'filters.blur'")]
    [InlineData("""{"media_id":1,"output":{"format":"bmp"}}""", "'output.format'")]
    [InlineData("""{"media_id":1,"output":{"quality":0}}""", "'output.quality'")]
    [InlineData("""{"media_id":1,"layers":{}}""", "'layers'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"sticker"}]}""", "'layers[0].type'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"text","text":"a","opacity":150}]}""", "'layers[0].opacity'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"text","text":""}]}""", "'layers[0].text'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"text","text":"a","font":"No Such Font"}]}""", "'layers[0].font'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"text","text":"a","color":"red"}]}""", "'layers[0].color'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"image"}]}""", "'layers[0].media_id'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"image","media_id":2,"scale":0}]}""", "'layers[0].scale'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"shape","shape":"star","width":1,"height":1}]}""", "'layers[0].shape'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"shape","shape":"rect","height":1}]}""", "'layers[0].width'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"shape","shape":"line","width":0,"height":0}]}""", "'layers[0].width'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"shape","shape":"rect","width":5,"height":5,"fill":"none"}]}""", "'layers[0].shape'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"shape","shape":"rect","width":5,"height":5,"x":1e9}]}""", "'layers[0].x'")]
    public void Invalid_fields_are_refused_with_a_message_naming_the_field(string json, string field)
    {
        var error = ErrorOf(json);
        Assert.NotNull(error);
        Assert.Contains(field, error);
    }

    [Fact]
    public void More_than_50_layers_or_500_characters_of_text_are_refused()
    {
        var layers = string.Join(",", Enumerable.Repeat("""{"type":"shape","shape":"rect","width":1,"height":1}""", 51));
        Assert.Contains("at most 50", ErrorOf("""{"media_id":1,"layers":[""" + layers + "]}"));
        Assert.Contains("500", ErrorOf("""{"media_id":1,"layers":[{"type":"text","text":""" + JsonSerializer.Serialize(new string('a', 501)) + "}]}"));
        Assert.Null(ErrorOf("""{"media_id":1,"layers":[{"type":"text","text":""" + JsonSerializer.Serialize(new string('a', 500)) + "}]}"));
    }

    [Fact]
    public void Text_or_shapes_larger_than_the_output_bound_are_refused_before_drawing()
    {
        Assert.Contains("'layers[0].text'", ErrorOf("""{"media_id":1,"layers":[{"type":"text","text":""" + JsonSerializer.Serialize(new string('W', 400)) + ""","size":1000}]}"""));
        Assert.Contains("'layers[0].width'", ErrorOf("""{"media_id":1,"layers":[{"type":"shape","shape":"rect","width":10000,"height":10000}]}"""));
        Assert.Null(ErrorOf("""{"media_id":1,"layers":[{"type":"text","text":"WWWW","size":1000}]}"""));
    }

    [Fact]
    public void A_template_has_no_base_and_an_edit_needs_one()
    {
        Assert.Null(ErrorOf("""{"layers":[{"type":"text","text":"hi"}]}""", template: true));
        Assert.Contains("'media_id'", ErrorOf("""{"media_id":3}""", template: true));
        Assert.Null(ErrorOf("""{"media_id":3}"""));
    }
}

using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Tessera.Tests.Fuzz;

/// <summary>
/// CsCheck generators of hostile requests for one route: edge and random values in route parameters and the query, JSON
/// bodies (huge integers, infinities, lone surrogate escapes, invalid UTF-8, deep nesting, wrong types, very long strings,
/// truncations, no Content-Type) and form bodies (malformed boundaries, too many fields, empty or garbage files). Field
/// names come from a pool of the names the surfaces use, so objects often get past "unknown field" into the handlers.
/// </summary>
public sealed class FuzzGenerators
{
    /// <summary>Names the surfaces' bodies and queries use; a generated object mostly picks from these.</summary>
    private static readonly string[] FieldNames =
    [
        "name", "prompt", "model", "input", "x", "y", "x0", "y0", "x1", "y1", "width", "height", "size", "color", "url", "pixels",
        "image", "agentImage", "message", "agentIdentity", "verificationToken", "amount", "currency", "pool", "reason", "account_id",
        "scopes", "expires_at", "budget", "seed", "num_outputs", "aspect_ratio", "duration", "fps", "frames", "motion", "direction",
        "format", "webhook_url", "limit", "cursor", "since", "flow", "id", "key", "api_key", "fingerprint", "promo", "code",
        "preimage", "answer", "answers", "sessionId", "challengeId", "responseTimeMs", "canvas", "region", "surface", "status",
        "value", "credits", "target", "after", "before",
    ];

    /// <summary>Values picked for their edges: overflow, sign, emptiness, encodings, injection, path tricks.</summary>
    private static readonly string[] EdgeValues =
    [
        "0", "-1", "1", "10", "999", "1000", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999", "1e400", "-1e400", "1.5", "NaN", "Infinity", "0x10", "+1", " 1", "1 ",
        "", " ", "null", "true", "abc", "#FF0000", "#fff", "red", "https://example.com/a", "http://127.0.0.1/", "javascript:alert(1)",
        "../../etc/passwd", "%", "%zz", "%00", "%ED%A0%80", "%FF%FE", "%C0%AF", "a%2Fb", "'; DROP TABLE jobs; --", "\u00e9\u4e2d\ud83d\ude00",
        "0,0,999,999", "-1,-1,5,5", "5,5,0,0", "0,0,2147483647,2147483647", "job_", "acc_", "key_", "omp", "bsap",
    ];

    private static readonly string[] JsonLeaves =
    [
        "0", "-1", "1", "4", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "92233720368547758080000", "1e400", "-1e400", "1e-400", "1.5", "-0.0", "1E+2", "0.12345678901234567890123456789012345",
        "79228162514264337593543950336", "true", "false", "null", "\"\"", "\" \"", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"",
        "\"\\ud83d\\ude00\"", "\"#FF0000\"", "\"#00ff00\"", "\"https://example.com/x\"", "\"http://169.254.169.254/\"", "\"1:1\"",
        "\"flux-1.1-pro\"", "\"credits\"", "\"purchased\"", "\"walk right\"", "\"data:image/png;base64,iVBORw0KGgo=\"", "{}", "[]",
    ];

    private readonly string[] _ids;
    private readonly IReadOnlyDictionary<string, string[]> _known;
    private readonly (string, string)[] _plausible;
    private readonly Gen<string> _scalar;
    private readonly Gen<string> _json;

    /// <param name="ids">Real ids the server knows (accounts, keys, jobs, canvases, models), so some requests find their object.</param>
    /// <param name="known">Values that fit a route parameter of that name (<c>apiId</c> → model ids): most requests to such a
    /// route then reach its handler. A parameter not named here gets any id or an edge value.</param>
    /// <param name="plausibleFields">More body fields with values a handler accepts (the fuzz user's own media and template ids).</param>
    public FuzzGenerators(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string[]> known, IReadOnlyList<(string, string)>? plausibleFields = null)
    {
        _ids = [.. ids];
        _known = known;
        _plausible = [.. plausibleFields ?? []];
        _scalar = Gen.Frequency(
            (5, Gen.OneOf(EdgeValues)),
            (3, Gen.Int[-5, 1100].Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (2, Gen.OneOf(_ids)),
            (1, Gen.String[Gen.Char, 0, 40]),
            (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))));
        var leaf = Gen.Frequency(
            (4, Gen.OneOf(JsonLeaves)),
            (2, _scalar.Select(Quote)),
            (2, Gen.Int[-5, 1100].Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e308")),
            (1, Gen.Int[1000, 70_000].Select(n => Quote(new string('a', n)))));
        var field = Gen.Frequency((6, Gen.OneOf(FieldNames)), (1, Gen.String[Gen.Char.AlphaNumeric, 0, 12]));
        var value = Gen.Recursive<string>((depth, inner) => depth >= 3
            ? leaf
            : Gen.Frequency(
                (3, leaf),
                (4, Gen.Select(field, inner).Array[0, 7].Select(Object)),
                (1, inner.Array[0, 6].Select(items => "[" + string.Join(',', items) + "]"))));

        // Top level: mostly an object that starts from fields a real request would carry, so the hostile values that
        // follow reach validation and storage instead of stopping at "prompt is required".
        var plausible = Gen.OneOf(Plausible).Array[0, 4];
        var hostile = Gen.Select(field, value).Array[0, 6];
        _json = Gen.Frequency(
            (6, Gen.Select(plausible, hostile, (good, bad) => Object([.. good, .. bad]))),
            (2, value));
    }

    /// <summary>Fields with values a handler accepts, in the names the surfaces use.</summary>
    private (string, string)[] Plausible =>
    [
        ("prompt", "\"a lake at dusk\""), ("image", Quote(Convert.ToBase64String(Png1x1))), ("x", "5"), ("y", "5"), ("color", "\"#FF0000\""),
        ("url", "\"https://example.com/a\""), ("name", "\"fuzz\""), ("currency", "\"credits\""), ("amount", "1"),
        ("account_id", Quote(_ids[0])), ("model", "\"flux-1.1-pro\""), ("input", "{\"prompt\":\"a lake\"}"), ("size", "10"),
        ("pixels", "[{\"x\":1,\"y\":1,\"color\":\"#00FF00\"}]"), ("width", "2"), ("height", "2"), ("scopes", "[\"canvas\"]"),
        .. _plausible,
    ];

    /// <summary>A whole request for <paramref name="route"/>: path, query, credentials and body.</summary>
    public Gen<FuzzRequest> For(FuzzRoute route)
    {
        var auth = route.IsAdmin
            ? Gen.Frequency((5, Gen.Const(FuzzAuth.Admin)), (1, Gen.Const(FuzzAuth.User)), (1, Gen.Const(FuzzAuth.None)))
            : Gen.Frequency((5, Gen.Const(FuzzAuth.User)), (1, Gen.Const(FuzzAuth.None)), (1, Gen.Const(FuzzAuth.Admin)));
        var hasBody = route.Method is "POST" or "PUT" or "PATCH" or "DELETE";
        var body = hasBody
            ? Body
            : Gen.Frequency((6, Gen.Const<(string?, byte[]?)>((null, null))), (1, Body));
        return Gen.Select(Path(route.Pattern), Query(route.QueryNames), auth, body, (path, query, who, content) =>
            new FuzzRequest(route.Method, path + query, who, content.Item1, content.Item2));
    }

    /// <summary>The route with each parameter filled: mostly a real id or an edge value, percent-garbage left unescaped.</summary>
    private Gen<string> Path(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => Gen.Const(literal.Content),
            RoutePatternParameterPart parameter when _known.TryGetValue(parameter.Name, out var known) =>
                Gen.Frequency((5, Gen.OneOf(known)), (1, Gen.OneOf(_ids)), (2, _scalar.Select(PathValue))),
            RoutePatternParameterPart => Gen.Frequency((3, Gen.OneOf(_ids)), (3, _scalar.Select(PathValue))),
            RoutePatternSeparatorPart separator => Gen.Const(separator.Content),
            _ => Gen.Const(""),
        }).Aggregate(Gen.Const(""), (whole, part) => Gen.Select(whole, part, string.Concat))).ToList();
        return segments.Aggregate(Gen.Const(""), (whole, segment) => Gen.Select(whole, segment, (a, b) => a + "/" + b));
    }

    private Gen<string> Query(IReadOnlyList<string> handlerNames)
    {
        string[] names = [.. handlerNames, .. handlerNames, "limit", "cursor", "since", "id", "flow", "region", "x", "y", "size", "format", "page"];
        var pair = Gen.Select(Gen.OneOf(names), _scalar, (name, value) => name + "=" + QueryValue(value));
        return Gen.Frequency(
            (2, Gen.Const("")),
            (5, pair.Array[1, 5].Select(pairs => "?" + string.Join('&', pairs))),
            (1, Gen.OneOf("?&&=&", "?limit=1&limit=2&limit=abc", "?=%", "?%ff=%fe", "?" + string.Join('&', Enumerable.Repeat("x=1", 300)))));
    }

    private Gen<(string?, byte[]?)> Body => Gen.Frequency(
        (14, _json.Select(json => Json("application/json", Encoding.UTF8.GetBytes(json)))),
        (1, _json.Select(json => Json(null, Encoding.UTF8.GetBytes(json)))),
        (1, _json.Select(json => Json("text/plain", Encoding.UTF8.GetBytes(json)))),
        (2, Gen.Select(_json, Gen.Int[0, 1000], Gen.OneOf<byte[]>([0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00]))
            .Select((json, at, bad) => Json("application/json", Splice(Encoding.UTF8.GetBytes(json), at, bad)))),
        (1, Gen.Select(_json, Gen.Int[0, 100]).Select((json, cut) => Json("application/json", Encoding.UTF8.GetBytes(json[..(json.Length * cut / 100)])))),
        (1, Gen.OneOf(
            Json("application/json", []),
            Json("application/json", Encoding.UTF8.GetBytes(new string('[', 3000) + new string(']', 3000))),
            Json("application/json", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100))),
            Json("application/json; charset=utf-16", Encoding.Unicode.GetBytes("{\"name\":\"x\"}")),
            Json("application/json", [0xEF, 0xBB, 0xBF, .. "{}"u8]))),
        (3, Multipart),
        (1, Gen.Select(Gen.OneOf(FieldNames), _scalar).Array[0, 8]
            .Select(pairs => Json("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(string.Join('&', pairs.Select(p => p.Item1 + "=" + QueryValue(p.Item2))))))));

    private Gen<(string?, byte[]?)> Multipart
    {
        get
        {
            var file = Gen.OneOf<byte[]>([], [0x89, 0x50, 0x4E, 0x47], Png1x1, "GIF89a garbage"u8.ToArray(), [.. Enumerable.Repeat((byte)0xFF, 300)]);
            var part = Gen.Frequency(
                (4, Gen.Select(Gen.OneOf(FieldNames), _scalar).Select((name, value) => Part(name, null, Encoding.UTF8.GetBytes(value)))),
                (2, Gen.Select(Gen.OneOf("image", "agentImage", "file", "x"), file).Select((name, bytes) => Part(name, "a.png", bytes))));
            var wellFormed = part.Array[0, 8].Select(parts => Form("fuzzboundary", Concat(parts) + "--fuzzboundary--\r\n"));
            return Gen.Frequency(
                (4, wellFormed),
                (1, part.Array[1, 4].Select(parts => Form("fuzzboundary", Concat(parts)))), // no closing boundary
                (1, part.Array[1, 4].Select(parts => Form("otherboundary", Concat(parts) + "--fuzzboundary--\r\n"))), // boundary mismatch
                (1, part.Array[1, 4].Select(parts => ((string?)"multipart/form-data", (byte[]?)Encoding.UTF8.GetBytes(Concat(parts))))), // no boundary
                (1, Gen.Const(Form("fuzzboundary", Concat(Enumerable.Range(0, 1100).Select(i => Part("f" + i.ToString(CultureInfo.InvariantCulture), null, "1"u8.ToArray()))) + "--fuzzboundary--\r\n"))),
                (1, Gen.OneOf(
                    Form("fuzzboundary", "--fuzzboundary\r\nContent-Disposition: form-data\r\n\r\nx\r\n--fuzzboundary--\r\n"),
                    Form("fuzzboundary", "--fuzzboundary\r\n\r\n\r\n--fuzzboundary--\r\n"),
                    Form("fuzzboundary", "--fuzzboundary\r\nContent-Disposition: form-data; name=\"x\"\r\n"),
                    Form("fuzzboundary", ""),
                    Form(new string('b', 200), "--" + new string('b', 200) + "--\r\n"),
                    ("multipart/form-data; boundary=\"\"", "--\r\n"u8.ToArray()))));
        }
    }

    internal static byte[] Png1x1 { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static (string?, byte[]?) Json(string? contentType, byte[] body) => (contentType, body);

    private static (string?, byte[]?) Form(string boundary, string body) => ("multipart/form-data; boundary=" + boundary, Encoding.Latin1.GetBytes(body));

    private static string Part(string name, string? fileName, byte[] content) =>
        "--fuzzboundary\r\nContent-Disposition: form-data; name=\"" + name + "\"" + (fileName is null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
        + (fileName is null ? "" : "Content-Type: image/png\r\n") + "\r\n" + Encoding.Latin1.GetString(content) + "\r\n";

    private static string Concat(IEnumerable<string> parts) => string.Concat(parts);

    private static byte[] Splice(byte[] body, int at, byte[] bad)
    {
        var index = body.Length == 0 ? 0 : at % body.Length;
        return [.. body.AsSpan(0, index), .. bad, .. body.AsSpan(index)];
    }

    private static string Object((string Name, string Value)[] fields) =>
        "{" + string.Join(',', fields.Select(field => Quote(field.Name) + ":" + field.Value)) + "}";

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>Values that look like percent-encoding go in raw (that is the attack); the rest are escaped.</summary>
    private static string QueryValue(string value) => value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);

    /// <summary>
    /// A path value; an encoded NUL becomes %01, because the in-memory test server refuses a path with NUL before the app sees
    /// it (Kestrel answers 400 itself), and the fuzz is about what the app does.
    /// </summary>
    private static string PathValue(string value) => value.Length == 0 ? "%20" : QueryValue(value).Replace("%00", "%01", StringComparison.Ordinal);
}

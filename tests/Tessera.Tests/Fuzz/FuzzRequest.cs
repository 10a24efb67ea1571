using System.Text;

namespace Tessera.Tests.Fuzz;

public enum FuzzAuth
{
    None,
    User,
    Admin,
}

/// <summary>One generated request: everything needed to send it again, and to print it when the server fails it.</summary>
public sealed record FuzzRequest(string Method, string PathAndQuery, FuzzAuth Auth, string? ContentType, byte[]? Body)
{
    public HttpRequestMessage ToMessage(string userKey, string adminKey)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = null;
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (Auth != FuzzAuth.None)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (Auth == FuzzAuth.Admin ? adminKey : userKey));
        }

        return message;
    }

    /// <summary>The request as text: bytes that are not printable ASCII as \xNN, long bodies cut, so a failure can be replayed.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {PathAndQuery}\nauth: {Auth}\ncontent-type: {ContentType ?? "(none)"}\n");
        if (Body is null)
        {
            return text.Append("body: (none)").ToString();
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"body ({Body.Length} bytes): ");
        foreach (var b in Body.AsSpan(0, Math.Min(Body.Length, 2000)))
        {
            text.Append(b is >= 0x20 and < 0x7F or (byte)'\n' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return (Body.Length > 2000 ? text.Append("...") : text).ToString();
    }
}

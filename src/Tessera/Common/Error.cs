namespace Tessera.Common;

/// <summary>
/// An expected failure: a stable machine code (<c>insufficient_credits</c>, <c>not_owner</c>), a message
/// for people, and the HTTP status it means. Each surface renders it in its own documented shape.
/// </summary>
public sealed record Error(string Code, string Message, int Status)
{
    public static Error Validation(string message) => new("validation_error", message, 400);
    public static Error NotFound(string message) => new("not_found", message, 404);
    public static Error Conflict(string code, string message) => new(code, message, 409);
    public static Error Unauthorized(string message) => new("unauthorized", message, 401);
    public static Error Forbidden(string code, string message) => new(code, message, 403);
}

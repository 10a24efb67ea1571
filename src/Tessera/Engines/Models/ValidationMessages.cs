using System.Globalization;
using NJsonSchema.Validation;

namespace Tessera.Engines.Models;

/// <summary>Turns an NJsonSchema error into "field: what is wrong", in words a client can act on.</summary>
internal static class ValidationMessages
{
    public static string Describe(ValidationError error)
    {
        var field = FieldName(error);
        var schema = error.Schema;
        var problem = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a known field",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be a JSON object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.StringTooShort when schema?.MinLength is 1 => "must not be empty",
            ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"must be at most {schema?.MaxLength} characters",
            ValidationErrorKind.NumberTooSmall => schema?.IsExclusiveMinimum == true
                ? $"must be > {Format(schema.Minimum)}"
                : $"must be ≥ {Format(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig => schema?.IsExclusiveMaximum == true
                ? $"must be < {Format(schema.Maximum)}"
                : $"must be ≤ {Format(schema?.Maximum)}",
            ValidationErrorKind.NotInEnumeration => "must be one of " + string.Join(", ", schema?.Enumeration.Select(v => v?.ToString()) ?? []),
            ValidationErrorKind.UriExpected => "must be an absolute http(s) URL",
            ValidationErrorKind.PatternMismatch when schema?.Pattern?.Contains("[Tt][Pp]", StringComparison.Ordinal) == true => "must be an http(s) URL",
            ValidationErrorKind.PatternMismatch => $"must match {schema?.Pattern}",
            _ => "is not valid (" + error.Kind + ")",
        };
        return field + ": " + problem;
    }

    private static string FieldName(ValidationError error)
    {
        // Path is "#/num_outputs" (or "#/a/b" when nested); a missing property has its name in Property.
        var path = error.Path?.TrimStart('#').Trim('/').Replace('/', '.') ?? "";
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { Length: > 0 } missing && !path.EndsWith(missing, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? missing : path + "." + missing;
        }

        return path.Length == 0 ? "input" : path;
    }

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}

namespace Tessera.Payments.Bolt11;

/// <summary>What <see cref="Bolt11Fields.Read"/> found in an invoice's tagged fields, and which fields it read.</summary>
internal sealed class Bolt11FieldValues
{
    public string? PaymentHash { get; set; }

    public string? PaymentSecret { get; set; }

    public string? Description { get; set; }

    public string? DescriptionHash { get; set; }

    public string? PayeePubKey { get; set; }

    public TimeSpan? Expiry { get; set; }

    public int? MinFinalCltvExpiry { get; set; }

    public List<int>? Features { get; set; }

    public string? Metadata { get; set; }

    public List<Bolt11Fallback> Fallbacks { get; } = [];

    public List<IReadOnlyList<Bolt11RouteHop>> Routes { get; } = [];

    /// <summary>Per field, in order: true when it set one of the values above, false when a reader must skip it.</summary>
    public List<bool> Modelled { get; } = [];
}

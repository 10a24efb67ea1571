namespace Tessera.Payments.Bolt11;

/// <summary>One tagged field as it sits in the data part: its 5-bit type and its data as 5-bit words.</summary>
public sealed record Bolt11TaggedField(int Type, byte[] Data)
{
    public char Letter => Bolt11FieldTypes.Letter(Type);
}

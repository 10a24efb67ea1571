namespace Tessera.Payments.Bolt11;

/// <summary>The tagged field types BOLT #11 defines (the value is the bech32 word its letter stands for).</summary>
public static class Bolt11FieldTypes
{
    public const int PaymentHash = 1;         // p
    public const int RouteHint = 3;           // r
    public const int Features = 5;            // 9
    public const int Expiry = 6;              // x
    public const int Fallback = 9;            // f
    public const int Description = 13;        // d
    public const int PaymentSecret = 16;      // s
    public const int PayeePubKey = 19;        // n
    public const int DescriptionHash = 23;    // h
    public const int MinFinalCltvExpiry = 24; // c
    public const int Metadata = 27;           // m

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static char Letter(int type) => Charset[type & 31];
}

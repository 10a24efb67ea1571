namespace Tessera.Payments;

/// <summary>The Payments module's log messages (event ids 7000–7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Dev wallet: created the regtest node key {PublicKey}")]
    public static partial void DevNodeCreated(ILogger logger, string publicKey);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Dev wallet: invoice {PaymentHash} for {AmountMsat} msat")]
    public static partial void DevInvoiceCreated(ILogger logger, string paymentHash, long amountMsat);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Dev wallet: paid invoice {PaymentHash} ({AmountMsat} msat)")]
    public static partial void DevInvoicePaid(ILogger logger, string paymentHash, long amountMsat);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Dev wallet: the node key was stored under secret key {KeyId}, which this server does not have; invoices fail until it is configured (docs/secrets.md)")]
    public static partial void DevNodeKeyUnavailable(ILogger logger, string keyId);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "LND: invoice subscription connected to {Url}")]
    public static partial void LndSubscribed(ILogger logger, string url);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "LND: invoice subscription failed; reconnecting in {Delay}")]
    public static partial void LndSubscriptionFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "LND: invoice {PaymentHash} settled for {PaidMsat} msat, less than its {ValueMsat} msat; not treated as paid")]
    public static partial void LndUnderpaid(ILogger logger, string paymentHash, long paidMsat, long valueMsat);
}

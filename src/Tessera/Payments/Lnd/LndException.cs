namespace Tessera.Payments.Lnd;

/// <summary>
/// LND did not do what was asked: refused the macaroon (<c>lnd_unauthorized</c>), failed (<c>lnd_error</c>), did not
/// answer in time (<c>lnd_timeout</c>), could not be reached (<c>lnd_unreachable</c>) or answered something unreadable
/// (<c>lnd_bad_response</c>). <see cref="IInvoiceBackend"/> returns plain values, so its callers catch this.
/// </summary>
public sealed class LndException : Exception
{
    public LndException()
        : this("lnd_error", "LND failed.")
    {
    }

    public LndException(string message)
        : this("lnd_error", message)
    {
    }

    public LndException(string message, Exception innerException)
        : this("lnd_error", message, innerException: innerException)
    {
    }

    public LndException(string code, string message, int? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        UpstreamStatus = status;
    }

    public string Code { get; }

    /// <summary>LND's HTTP status, when it answered.</summary>
    public int? UpstreamStatus { get; }
}

namespace Tessera.Outbound;

/// <summary>
/// Thrown by <see cref="CheckedConnector"/> inside the HTTP handler: a connect callback can only fail by throwing.
/// <see cref="OutboundHttp"/> turns it into the <c>blocked_address</c> error; it never leaves the module.
/// </summary>
internal sealed class BlockedAddressException(string message) : Exception(message);

using Tessera.Client;

namespace Tessera.Tests.Cli;

/// <summary>
/// Where SDK and CLI tests send their requests. Today a <see cref="FakeOperatorApi"/>; once the server's
/// admin endpoints are merged, <see cref="CreateHttpClient"/> becomes <c>factory.CreateClient()</c> of a
/// <c>TesseraFactory</c> and the same tests run against the real operator API.
/// </summary>
public sealed class OperatorApiTarget : IDisposable
{
    public const string AdminKey = "tsa_test_admin_key";

    public FakeOperatorApi Api { get; } = new();

    public HttpClient CreateHttpClient(Uri? server = null) => new(Api, disposeHandler: false) { BaseAddress = server ?? new Uri("http://tessera.test/") };

    public TesseraAdminClient CreateClient(Uri? server = null, string adminKey = AdminKey) => new(CreateHttpClient(server), adminKey);

    public void Dispose() => Api.Dispose();
}

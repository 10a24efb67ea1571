using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas;

public sealed class ClaimTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _admin = null!;
    private string _account = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _account = await _admin.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<HttpResponseMessage> ClaimAsync(int x, int y, int width, int height, string canvas = "omp", string? account = null) =>
        _admin.PostAsJsonAsync($"/admin/v1/canvases/{canvas}/claims", new { account_id = account ?? _account, x, y, width, height }, Ct);

    [Fact]
    public async Task The_operator_gives_an_account_a_rectangle()
    {
        var response = await ClaimAsync(10, 20, 30, 40);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var claim = await response.ReadJsonAsync();
        Assert.Equal(_account, claim.GetProperty("account_id").GetString());
        Assert.Equal(30, claim.GetProperty("width").GetInt32());

        var listed = await (await _admin.GetAsync($"/admin/v1/canvases/omp/claims?account_id={_account}", Ct)).ReadJsonAsync();
        Assert.Single(listed.GetProperty("claims").EnumerateArray());
    }

    [Fact]
    public async Task Claims_never_overlap_but_may_share_an_edge()
    {
        Assert.Equal(HttpStatusCode.Created, (await ClaimAsync(0, 0, 10, 10)).StatusCode);
        var overlapping = await ClaimAsync(9, 9, 5, 5);
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("region_taken", (await overlapping.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ClaimAsync(10, 0, 10, 10)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ClaimAsync(0, 10, 10, 10)).StatusCode);
    }

    [Theory]
    [InlineData(-1, 0, 1, 1)]
    [InlineData(0, 0, 0, 1)]
    [InlineData(995, 0, 10, 1)]
    [InlineData(0, 999, 1, 2)]
    public async Task Rectangles_outside_the_canvas_are_refused(int x, int y, int width, int height)
    {
        var response = await ClaimAsync(x, y, width, height);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_canvases_and_accounts_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimAsync(0, 0, 1, 1, canvas: "nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimAsync(0, 0, 1, 1, account: "acc_missing")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ClaimAsync(0, 0, 1, 1, canvas: "bsap")).StatusCode);
    }

    [Fact]
    public async Task Racing_claims_for_one_region_let_exactly_one_through()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            accounts.Add(await _admin.CreateAccountAsync($"racer {i}"));
        }

        var responses = await Task.WhenAll(accounts.Select((account, i) => ClaimAsync(100 + i, 100 + i, 20, 20, account: account)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}

using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Jobs;

/// <summary>Issue #11 item 7: the operator's job list refuses a limit out of bounds and a cursor that is no job id (400 problem).</summary>
public sealed class AdminJobListTests : IAsyncLifetime
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

    private async Task AssertValidationProblemAsync(string query)
    {
        var response = await _admin.GetAsync($"/admin/v1/accounts/{_account}/jobs?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("validation_error", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("limit=999")]
    [InlineData("limit=0")]
    [InlineData("limit=-5")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("limit=ten")]
    public async Task A_limit_outside_1_to_100_is_a_400_validation_problem(string query) => await AssertValidationProblemAsync(query);

    [Theory]
    [InlineData("cursor=%00%FF")]
    [InlineData("cursor=%ED%A0%80")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=job_" + "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public async Task A_cursor_that_is_not_a_job_id_is_a_400_validation_problem(string query) => await AssertValidationProblemAsync(query);

    [Fact]
    public async Task A_limit_in_bounds_and_no_cursor_lists_jobs()
    {
        var response = await _admin.GetAsync($"/admin/v1/accounts/{_account}/jobs?limit=100", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync()).GetProperty("jobs").EnumerateArray());
    }
}

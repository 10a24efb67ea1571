using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tessera.Tests.Support;

/// <summary>Operator API calls the tests repeat: make an account, give it a key.</summary>
public static class AdminHelpers
{
    public static async Task<string> CreateAccountAsync(this HttpClient admin, string name = "test account")
    {
        var response = await admin.PostAsJsonAsync("/admin/v1/accounts", new { name }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<(string Id, string Key)> CreateKeyAsync(this HttpClient admin, string accountId, object? body = null)
    {
        var response = await admin.PostAsJsonAsync($"/admin/v1/accounts/{accountId}/keys", body ?? new { name = "test key" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new("Bearer", key);
        return request;
    }

    public static Task<HttpResponseMessage> GetWithKeyAsync(this HttpClient client, string path, string key) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithKey(key), TestContext.Current.CancellationToken);
}

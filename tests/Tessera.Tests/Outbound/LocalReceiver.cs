using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tessera.Tests.Outbound;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, answering with the given handler and keeping every request it saw.</summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Url.Port);

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<LocalReceiver> StartAsync(Func<HttpContext, ReceivedRequest, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LocalReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync(context.RequestAborted));
            receiver!.Requests.Enqueue(request);
            await handler(context, request);
        });
        await app.StartAsync();
        var address = app.Urls.First(); // the bound address once started: port 0 became a real port
        receiver = new LocalReceiver(app, new Uri(address + "/"));
        return receiver;
    }

    public static Task<LocalReceiver> StartAsync(int status = 200, string body = "ok") =>
        StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync(body);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

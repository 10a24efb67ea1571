using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Tests.Payments.Nwc.Fakes;

/// <summary>
/// A Nostr relay on 127.0.0.1 (Kestrel + WebSockets), enough of NIP-01 for NWC: stores events in memory, answers EVENT with
/// OK, REQ with the stored matches then EOSE, and fans new events out to matching subscriptions. Like a real relay it forgets
/// everything on restart. It does not check signatures, so tests can push forged events through it.
/// </summary>
internal sealed class FakeRelay : IAsyncDisposable
{
    private readonly List<NostrEvent> _stored = [];
    private readonly ConcurrentDictionary<RelayClient, byte> _clients = new();
    private WebApplication? _app;
    private CancellationTokenSource _stop = new();

    public int Port { get; private set; }

    public Uri Url => new($"ws://127.0.0.1:{Port}/");

    public int EventsReceived;

    public static async Task<FakeRelay> StartAsync()
    {
        var relay = new FakeRelay();
        await relay.ListenAsync(0);
        return relay;
    }

    /// <summary>Drops every connection and all stored events, then listens again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        lock (_stored)
        {
            _stored.Clear();
        }

        await ListenAsync(Port);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        foreach (var client in _clients.Keys)
        {
            client.Socket.Abort();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _stop.Dispose();
        _stop = new CancellationTokenSource();
    }

    /// <summary>Sends an event as-is (no check, no storage) to every subscription, as a malicious relay could.</summary>
    public async Task InjectAsync(JsonNode rawEvent)
    {
        foreach (var client in _clients.Keys)
        {
            foreach (var subscription in client.Subscriptions.Keys)
            {
                await client.SendAsync(new JsonArray("EVENT", subscription, rawEvent.DeepClone()));
            }
        }
    }

    /// <summary>Sends raw text to every subscription (the function gets the subscription id): malformed messages included.</summary>
    public async Task SendRawAsync(Func<string, string> messageFor)
    {
        foreach (var client in _clients.Keys)
        {
            foreach (var subscription in client.Subscriptions.Keys)
            {
                await client.SendTextAsync(messageFor(subscription));
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(ServeAsync);
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var client = new RelayClient(socket);
        _clients[client] = 0;
        var stop = _stop.Token;
        try
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (!stop.IsCancellationRequested)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, stop);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                await HandleAsync(client, JsonNode.Parse(message.ToArray())!.AsArray());
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _clients.TryRemove(client, out _);
        }
    }

    private async Task HandleAsync(RelayClient client, JsonArray message)
    {
        switch (message[0]!.GetValue<string>())
        {
            case "REQ":
                {
                    var id = message[1]!.GetValue<string>();
                    var filters = message.Skip(2).Select(node => NostrFilter.FromJson(node!.AsObject())).ToList();
                    client.Subscriptions[id] = filters;
                    List<NostrEvent> matches;
                    lock (_stored)
                    {
                        matches = [.. _stored.Where(e => filters.Any(f => f.Matches(e)))];
                    }

                    foreach (var match in matches)
                    {
                        await client.SendAsync(new JsonArray("EVENT", id, JsonSerializer.SerializeToNode(match)));
                    }

                    await client.SendAsync(new JsonArray("EOSE", id));
                    break;
                }

            case "CLOSE":
                client.Subscriptions.TryRemove(message[1]!.GetValue<string>(), out _);
                break;
            case "EVENT":
                {
                    var nostrEvent = message[1].Deserialize<NostrEvent>()!;
                    Interlocked.Increment(ref EventsReceived);
                    lock (_stored)
                    {
                        _stored.Add(nostrEvent);
                    }

                    await client.SendAsync(new JsonArray("OK", nostrEvent.Id, true, ""));
                    foreach (var other in _clients.Keys)
                    {
                        foreach (var (id, filters) in other.Subscriptions)
                        {
                            if (filters.Any(f => f.Matches(nostrEvent)))
                            {
                                await other.SendAsync(new JsonArray("EVENT", id, JsonSerializer.SerializeToNode(nostrEvent)));
                            }
                        }
                    }

                    break;
                }

            default:
                await client.SendAsync(new JsonArray("NOTICE", "unknown message"));
                break;
        }
    }

    private sealed class RelayClient(WebSocket socket)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public ConcurrentDictionary<string, List<NostrFilter>> Subscriptions { get; } = new();

        public Task SendAsync(JsonArray message) => SendTextAsync(message.ToJsonString());

        public async Task SendTextAsync(string message)
        {
            await _sendLock.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException)
            {
            }
            finally
            {
                _sendLock.Release();
            }
        }
    }
}

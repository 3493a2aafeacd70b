using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>One request as a receiver got it.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>What a receiver answers to the n-th request of a path.</summary>
public sealed record Reply(int Status = 200, TimeSpan? Delay = null, IReadOnlyDictionary<string, string>? Headers = null, string Body = "ok")
{
    public static Reply Ok { get; } = new();

    /// <summary>Never answers (until the receiver stops).</summary>
    public static Reply Hang { get; } = new(Delay: Timeout.InfiniteTimeSpan);
}

/// <summary>
/// A real HTTP endpoint on loopback (Kestrel) that records every request and answers from a script
/// per path: replies are used in order and the last one repeats.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Reply[]> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<Receiver> Start()
    {
        var receiver = new Receiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver._app = builder.Build();
        receiver._app.Run(receiver.Handle);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>A fresh path on this receiver with its own script.</summary>
    public string Url(string path, params Reply[] replies)
    {
        _scripts[path] = replies.Length == 0 ? [Reply.Ok] : replies;
        return new Uri(BaseAddress, path).ToString();
    }

    public IReadOnlyList<ReceivedRequest> At(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>Waits until <paramref name="path"/> has had at least <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitFor(string path, int count, TimeSpan? within = null)
    {
        await Eventually.True(() => At(path).Count >= count, within ?? TimeSpan.FromSeconds(20),
            () => $"{path} got {At(path).Count} of {count} requests");
        return At(path);
    }

    private async Task Handle(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value ?? "/";
        _requests.Enqueue(new ReceivedRequest(path,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body.ToArray(), DateTimeOffset.UtcNow));

        var script = _scripts.GetValueOrDefault(path) ?? [Reply.Ok];
        var n = _counts.AddOrUpdate(path, 0, (_, c) => c + 1);
        var reply = script[Math.Min(n, script.Length - 1)];
        if (reply.Delay is { } delay)
        {
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
                await Task.Delay(delay, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

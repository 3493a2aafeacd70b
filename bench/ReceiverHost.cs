using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The receiver process: a bare Kestrel endpoint on loopback. <c>/ok/{tag}/...</c> answers 200 at once,
/// <c>/slow/{tag}/...</c> after 1 s, <c>/hang/{tag}/...</c> never. Per tag it counts requests, repeated
/// <c>webhook-id</c>s and the time from the payload's <c>"sent"</c> to receipt; <c>GET /_stats/{tag}</c>
/// answers them and <c>POST /_reset/{tag}</c> starts the tag again.
/// </summary>
public static class ReceiverHost
{
    private static readonly ConcurrentDictionary<string, ReceiverStats> Tags = new(StringComparer.Ordinal);
    private static readonly byte[] SentKey = "\"sent\":"u8.ToArray();

    public static async Task Run(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/_stats/{tag}", (string tag) => Stats(tag).View());
        app.MapPost("/_reset/{tag}", (string tag) =>
        {
            Tags[tag] = new ReceiverStats();
            return Results.NoContent();
        });
        app.MapFallback(async context =>
        {
            var parts = (context.Request.Path.Value ?? "/").Split('/', 4, StringSplitOptions.RemoveEmptyEntries);
            var kind = parts.Length > 0 ? parts[0] : "ok";
            var tag = parts.Length > 1 ? parts[1] : "none";
            var latency = await ReadSent(context.Request);
            var id = context.Request.Headers["webhook-id"].ToString();
            if (kind == "hang")
            {
                try
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
                    await Task.Delay(Timeout.Infinite, linked.Token);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            }
            if (kind == "slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            Stats(tag).Add(id.Length == 0 ? null : id, latency);
            context.Response.StatusCode = 200;
            context.Response.ContentLength = 0;
        });
        await app.RunAsync();
    }

    private static ReceiverStats Stats(string tag) => Tags.GetOrAdd(tag, _ => new ReceiverStats());

    // Reads the body; answers now minus its payload's "sent" in microseconds, or -1 when it carries none.
    private static async Task<long> ReadSent(HttpRequest request)
    {
        var received = -1L;
        while (true)
        {
            var read = await request.BodyReader.ReadAsync();
            if (received < 0 && Find(read.Buffer) is { } sent)
            {
                received = Payloads.NowMicros() - sent;
            }
            request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return received;
            }
        }
    }

    private static long? Find(ReadOnlySequence<byte> buffer)
    {
        var head = buffer.Length > 256 ? buffer.Slice(0, 256) : buffer;
        var span = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var at = span.IndexOf(SentKey);
        return at >= 0 && Utf8Parser.TryParse(span[(at + SentKey.Length)..], out long value, out _) ? value : null;
    }
}

using System.Diagnostics;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The floor to compare with: a plain pooled <see cref="HttpClient"/> in the load generator posting the same
/// envelopes to the same receiver with the same number of requests in flight.
/// </summary>
public sealed class Baseline(Receiver receiver) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = 1024 });

    /// <summary>Posts <paramref name="count"/> envelopes, <paramref name="concurrency"/> at a time; answers requests/s and CPU µs per request.</summary>
    public async Task<(double PerSecond, double CpuMicros, StatsView Stats)> Run(string tag, int count, int concurrency)
    {
        await receiver.Reset(tag);
        var url = receiver.Url("ok", tag);
        var bodies = Enumerable.Range(0, count).Select(Payloads.Envelope).ToArray();
        var cpu = Payloads.OwnCpu();
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await Post(url, bodies[i]);
            }
        }));
        var stats = await receiver.WaitFor(tag, count, TimeSpan.FromMinutes(2));
        var seconds = watch.Elapsed.TotalSeconds;
        return (count / seconds, (Payloads.OwnCpu() - cpu).TotalMicroseconds / count, stats);
    }

    public async Task Post(string url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("webhook-id", Guid.NewGuid().ToString("N"));
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client.Dispose();
}

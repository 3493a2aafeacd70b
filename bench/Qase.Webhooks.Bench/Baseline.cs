using System.Net.Http.Headers;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The floor to compare with: a plain pooled <see cref="HttpClient"/> posting the same envelopes to the
/// receiver with as many requests in flight as the service allows one webhook.
/// </summary>
public sealed class Baseline(CountingReceiver receiver, InFlightProbe probe, int concurrency) : IDisposable
{
    public const string Path = "/baseline";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false });

    public async Task<RunResult> Run(IReadOnlyList<byte[]> envelopes, int round)
    {
        var counter = receiver.Counter(Path);
        var reached = counter.WhenReached(counter.Count + envelopes.Count, TimeSpan.FromMinutes(2));
        var url = receiver.Url(Path);
        var next = -1;
        var measurement = Measurement.Start(probe);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < envelopes.Count)
            {
                using var content = new ByteArrayContent(envelopes[i]);
                content.Headers.ContentType = Json;
                using var response = await _client.PostAsync(url, content);
                response.EnsureSuccessStatusCode();
            }
        }));
        await reached;
        return measurement.Stop("baseline", round, envelopes.Count);
    }

    public void Dispose() => _client.Dispose();
}

using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The service's own <see cref="WebhookSender"/> called straight from the thread pool, C at a time, with
/// no grain around it: between the baseline and the service, it tells the sender's cost from Orleans'.
/// </summary>
public sealed class DirectSender(WebhookSender sender, CountingReceiver receiver, InFlightProbe probe, int concurrency)
{
    public const string Path = "/sender";

    public async Task<RunResult> Run(IReadOnlyList<byte[]> envelopes, int round)
    {
        var counter = receiver.Counter(Path);
        var reached = counter.WhenReached(counter.Count + envelopes.Count, TimeSpan.FromMinutes(2));
        var url = receiver.Url(Path).ToString();
        var ids = Enumerable.Range(0, envelopes.Count).Select(i => $"dlv_bench_{round}_{i}").ToArray();
        var next = -1;
        var measurement = Measurement.Start(probe);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < envelopes.Count)
            {
                var result = await sender.Send(url, null, ids[i], BenchEvents.EventName, envelopes[i]);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"The sender failed: {result.Error}");
                }
            }
        })));
        await reached;
        return measurement.Stop("sender", round, envelopes.Count);
    }
}

using Qase.Webhooks.Bench;

var options = BenchOptions.Parse(args);
Console.WriteLine($"events {options.Events}, batch {options.Batch}, concurrency {options.Concurrency}, rounds {options.Rounds} " +
    $"after {options.WarmupRounds} warm-up rounds, batches in flight {options.BatchesInFlight}, {Environment.ProcessorCount} cores " +
    string.Join(' ', options.ServiceSettings));

await using var receiver = await CountingReceiver.Start();
using var probe = new InFlightProbe(receiver.BaseAddress.Port);
await using var service = await EmbeddedService.Start(receiver, probe, options.Concurrency, options.ServiceSettings);
using var baseline = new Baseline(receiver, probe, options.Concurrency);
var direct = new DirectSender(service.Sender, receiver, probe, options.Concurrency);

// Bodies are made before the clock starts: both sides are timed on sending, not on building requests.
var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var envelopes = BenchEvents.Envelopes(options.Events, timestamp);
var batches = BenchEvents.Batches(options.Events, options.Batch, timestamp);

// Warm-up rounds are full rounds, not reported: the service has far more code than a bare HttpClient
// loop, and tiered compilation takes tens of seconds of load to finish optimising it on 2 cores
// (the "jit ms" column shows what is left).
var runs = new List<RunResult>();
for (var round = 1 - options.WarmupRounds; round <= options.Rounds; round++)
{
    // Alternating spreads drift of the machine (other work on it, GC state) over every side.
    foreach (var mode in round % 2 != 0 ? ["baseline", "sender", "service"] : new[] { "service", "sender", "baseline" })
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = mode switch
        {
            "baseline" => await baseline.Run(envelopes, round),
            "sender" => await direct.Run(envelopes, round),
            _ => await service.Run(batches, options.Events, options.BatchesInFlight, round),
        };
        Console.WriteLine($"{(round < 1 ? "warm-up" : "round " + round),-8} {result.Mode,-8}: {result.DeliveriesPerSecond,8:0} deliveries/s in {result.Seconds:0.000} s");
        if (round >= 1)
        {
            runs.Add(result);
        }
    }
}

var report = BenchReport.From(options, runs);
ReportWriter.Print(report, Console.Out);
Console.WriteLine($"written to {ReportWriter.Save(report)}");

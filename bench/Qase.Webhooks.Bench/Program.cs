using Qase.Webhooks.Bench;

var options = BenchOptions.Parse(args);
Console.WriteLine($"events {options.Events}, batch {options.Batch}, concurrency {options.Concurrency}, rounds {options.Rounds}, " +
    $"batches in flight {options.BatchesInFlight}, {Environment.ProcessorCount} cores {string.Join(' ', options.ServiceSettings)}");

await using var receiver = await CountingReceiver.Start();
using var probe = new InFlightProbe(receiver.BaseAddress.Port);
await using var service = await EmbeddedService.Start(receiver, probe, options.Concurrency, options.ServiceSettings);
using var baseline = new Baseline(receiver, probe, options.Concurrency);
var direct = new DirectSender(service.Sender, receiver, probe, options.Concurrency);

// Bodies are made before the clock starts: both sides are timed on sending, not on building requests.
var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var envelopes = BenchEvents.Envelopes(options.Events, timestamp);
var batches = BenchEvents.Batches(options.Events, options.Batch, timestamp);

// Warm-up runs JIT the paths, open the connections and activate the grains; they are not reported.
await baseline.Run(BenchEvents.Envelopes(options.Warmup, timestamp), round: 0);
await direct.Run(BenchEvents.Envelopes(options.Warmup, timestamp), round: 0);
await service.Run(BenchEvents.Batches(options.Warmup, options.Batch, timestamp), options.Warmup, options.BatchesInFlight, round: 0);

var runs = new List<RunResult>();
for (var round = 1; round <= options.Rounds; round++)
{
    // Alternating spreads drift of the machine (the other engineer's builds, GC state) over both sides.
    foreach (var run in round % 2 == 1 ? ["baseline", "sender", "service"] : new[] { "service", "sender", "baseline" })
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = run switch
        {
            "baseline" => await baseline.Run(envelopes, round),
            "sender" => await direct.Run(envelopes, round),
            _ => await service.Run(batches, options.Events, options.BatchesInFlight, round),
        };
        Console.WriteLine($"round {round} {result.Mode,-8}: {result.DeliveriesPerSecond,8:0} deliveries/s in {result.Seconds:0.000} s");
        runs.Add(result);
    }
}

var report = BenchReport.From(options, runs);
ReportWriter.Print(report, Console.Out);
Console.WriteLine($"written to {ReportWriter.Save(report)}");

namespace Qase.Webhooks.Bench;

/// <summary>
/// The command line: <c>--events N --batch B --concurrency C --rounds R --warmup-rounds W --batches-in-flight F</c>;
/// any <c>--Section:Key=value</c> goes to the service as its configuration (to try a setting's effect).
/// </summary>
public sealed record BenchOptions(int Events, int Batch, int Concurrency, int Rounds, int WarmupRounds, int BatchesInFlight, IReadOnlyList<string> ServiceSettings)
{
    // Concurrency 16 is the service's default Delivery:MaxConcurrencyPerWebhook, so both sides get the same room.
    public static BenchOptions Default { get; } = new(Events: 20_000, Batch: 500, Concurrency: 16, Rounds: 3, WarmupRounds: 5, BatchesInFlight: 4, ServiceSettings: []);

    public static BenchOptions Parse(string[] args)
    {
        var options = Default;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':') && name.Contains('='))
            {
                options = options with { ServiceSettings = [.. options.ServiceSettings, name] };
                continue;
            }
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], out var parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"{name} needs a positive whole number after it.");
            i++;
            options = name switch
            {
                "--events" => options with { Events = value },
                "--batch" => options with { Batch = Math.Min(value, 1000) }, // the API takes at most 1000 events a batch
                "--concurrency" => options with { Concurrency = value },
                "--rounds" => options with { Rounds = value },
                "--warmup-rounds" => options with { WarmupRounds = value },
                "--batches-in-flight" => options with { BatchesInFlight = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        return options;
    }
}

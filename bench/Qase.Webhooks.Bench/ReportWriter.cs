using System.Text.Json;

namespace Qase.Webhooks.Bench;

/// <summary>Prints the report as a table and keeps it as JSON under <c>bench/results/</c> (kept out of git).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static void Print(BenchReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"mode",-9} {"round",5} {"deliveries/s",12} {"seconds",8} {"publish s",9} {"in flight",9} {"max",4} " +
            $"{"alloc B/dlv",11} {"cpu µs/dlv",10} {"tp items/dlv",12} {"jit ms",6} {"gc ms",5} {"gen0",5} {"gen2",5} {"peak MB",7}");
        foreach (var r in report.Runs)
        {
            output.WriteLine($"{r.Mode,-9} {r.Round,5} {r.DeliveriesPerSecond,12:0} {r.Seconds,8:0.000} {r.PublishSeconds?.ToString("0.000") ?? "-",9} " +
                $"{r.MeanRequestsInFlight,9:0.0} {r.MaxRequestsInFlight,4} {r.AllocatedBytesPerDelivery,11} {r.CpuMicrosecondsPerDelivery,10:0.0} " +
                $"{r.ThreadPoolItemsPerDelivery,12:0.0} {r.JitMilliseconds,6:0} {r.GcPauseMilliseconds,5:0} {r.Gen0Collections,5} {r.Gen2Collections,5} {r.PeakWorkingSetMegabytes,7}");
        }
        output.WriteLine();
        output.WriteLine($"ratio service/baseline per round: {string.Join(", ", report.Ratios.Select(r => r.ToString("0.000")))}");
        output.WriteLine($"median ratio: {report.MedianRatio:0.000} (target for the embedded mode: >= 0.8)");
        output.WriteLine($"sender alone/baseline per round: {string.Join(", ", report.SenderRatios.Select(r => r.ToString("0.000")))}, " +
            $"median {report.MedianSenderRatio:0.000}");
    }

    public static string Save(BenchReport report)
    {
        var folder = Path.Combine(BenchFolder(), "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "latest.json");
        File.WriteAllText(file, JsonSerializer.Serialize(report, Json));
        return file;
    }

    // bench/ is found from the build output, so the file lands in the same place whatever the working directory.
    private static string BenchFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qase.Webhooks.Bench.csproj")))
            {
                return dir.Parent!.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}

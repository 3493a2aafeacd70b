namespace Qase.Webhooks.Bench;

/// <summary>The processes of one scenario: the receiver, the service (and its PostgreSQL), and the baseline beside the load generator.</summary>
public sealed class Harness : IAsyncDisposable
{
    private Postgres? _postgres;
    private string[] _settings = [];

    private Harness(BenchOptions options, Report report)
    {
        Options = options;
        Report = report;
    }

    public BenchOptions Options { get; }

    public Report Report { get; }

    public Receiver Receiver { get; private set; } = null!;

    public ServiceUnderTest Service { get; private set; } = null!;

    public Baseline Baseline { get; private set; } = null!;

    public static async Task<Harness> Start(BenchOptions options, params string[] settings)
    {
        var report = new Report(options.Postgres ? $"{options.Scenario}-postgres" : options.Scenario);
        var harness = new Harness(options, report);
        try
        {
            harness.Receiver = await Receiver.Start();
            harness.Baseline = new Baseline(harness.Receiver);
            if (options.Postgres)
            {
                harness._postgres = await Postgres.Start();
            }
            harness._settings = [.. settings, .. options.ServiceSettings];
            harness.Service = await ServiceUnderTest.Start($"service-{options.Scenario}", harness._postgres?.ConnectionString, harness._settings);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
        report.Line($"{options.Scenario}, {options.Mode}, {Environment.ProcessorCount} cores, service pid {harness.Service.Process.Id} {string.Join(' ', options.ServiceSettings)}");
        return harness;
    }

    /// <summary>The PostgreSQL server of a <c>--postgres</c> run, for the figures only its tables hold.</summary>
    public Postgres? Database => _postgres;

    /// <summary>
    /// Stops the service process at once (as a crash or a redeploy would) and starts it again on the same database,
    /// cluster id, address and ports, as a deployment restarts its silo; answers how long the new process took to answer ready.
    /// </summary>
    public async Task<TimeSpan> RestartService()
    {
        var (clusterId, ports) = (Service.ClusterId, Service.Ports);
        await Service.DisposeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Service = await ServiceUnderTest.Start($"service-{Options.Scenario}-restarted", _postgres?.ConnectionString, clusterId, ports, _settings);
        return watch.Elapsed;
    }

    /// <summary>A workspace and project with <paramref name="count"/> webhooks, each on the URL <paramref name="url"/> makes for it.</summary>
    public async Task<(string Workspace, string Code)> Project(string code, int count, Func<int, string> url)
    {
        var workspace = await Service.Workspace();
        await Service.Project(workspace, code);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(count, 16)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await Service.Webhook(workspace, code, url(i));
            }
        }));
        return (workspace, code);
    }

    /// <summary>Publishes <paramref name="bodies"/> (batch requests), <paramref name="inFlight"/> at a time; answers when the last is accepted.</summary>
    public async Task PublishAll(string workspace, string code, IReadOnlyList<byte[]> bodies, int inFlight)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                await Service.PublishBatch(workspace, code, bodies[i]);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        Report.Save();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        Baseline?.Dispose();
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

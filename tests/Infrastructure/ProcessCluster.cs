namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// <c>silo</c> and <c>api</c> processes on one PostgreSQL database, as operators run the cluster: each silo on
/// ports of its own, the api in client mode. Every process it started is killed when it is disposed.
/// </summary>
public sealed class ProcessCluster(IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> _processes = [];

    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    /// <summary>
    /// A cluster on <paramref name="database"/> with the settings every multi-process test shares (loopback
    /// addresses, private receivers allowed, retries and sweeps every second), then <paramref name="overrides"/>.
    /// </summary>
    public static ProcessCluster On(string database, string adminToken, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Auth:AdminToken"] = adminToken,
            ["Secrets:Key"] = TestSecrets.Key,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Delivery:RetrySchedule:0"] = "00:00:01",
            ["Delivery:SweepInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new ProcessCluster(settings);
    }

    /// <summary><c>silo migrate</c>: the schema, before any process starts.</summary>
    public async Task Migrate()
    {
        var (exitCode, output) = await ServiceProcess.Run("silo", Settings, "migrate");
        Assert.True(exitCode == 0, output);
        Assert.Contains("up to date", output);
    }

    /// <summary>A silo on fresh ports.</summary>
    public ServiceProcess StartSilo(string name) => Track(ServiceProcess.Start("silo", name, new Dictionary<string, string?>(Settings)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
    }));

    /// <summary>The same silo started again after it died: the same silo and gateway ports, as a supervisor restarts it.</summary>
    public ServiceProcess Restart(ServiceProcess process) =>
        Track(ServiceProcess.Start(process.Project, process.Name, process.Settings));

    public ServiceProcess StartApi(string name) =>
        Track(ServiceProcess.Start("api", name, new Dictionary<string, string?>(Settings) { ["Orleans:Mode"] = "client" }));

    public static HttpClient Client(ServiceProcess process, string token)
    {
        var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Token", token);
        return client;
    }

    /// <summary>The last part of every process's output, for a failure message.</summary>
    public string Tail(int characters = 3000) => string.Join("\n", _processes.Select(p =>
        $"--- {p.Name} ---\n{p.Output[^Math.Min(characters, p.Output.Length)..]}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private ServiceProcess Track(ServiceProcess process)
    {
        _processes.Add(process);
        return process;
    }
}

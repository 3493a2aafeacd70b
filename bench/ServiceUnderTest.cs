using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The service as a user runs it: the published Release build of <c>api</c> in its own process (embedded, or
/// on PostgreSQL), driven through its REST API with the admin token.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    // PostgreSQL mode seals webhook secrets under Secrets:Key; each run's database is new, and so is its key.
    private static readonly string SecretsKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static bool _published;

    private readonly ChildProcess _process;

    private ServiceUnderTest(ChildProcess process, Uri baseAddress, string clusterId, (int Silo, int Gateway) ports)
    {
        _process = process;
        ClusterId = clusterId;
        Ports = ports;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        Http.DefaultRequestHeaders.Add("Token", AdminToken);
    }

    public HttpClient Http { get; }

    public ChildProcess Process => _process;

    /// <summary>The Orleans cluster id it joined: a restart of the same deployment joins the same one.</summary>
    public string ClusterId { get; }

    /// <summary>Its silo and gateway ports: a deployment restarts its silo on the same ones.</summary>
    public (int Silo, int Gateway) Ports { get; }

    public static Task<ServiceUnderTest> Start(string name, string? postgres, params string[] settings) =>
        Start(name, postgres, $"bench-{Guid.NewGuid():N}", (FreePort.Next(), FreePort.Next()), settings);

    public static async Task<ServiceUnderTest> Start(string name, string? postgres, string clusterId, (int Silo, int Gateway) ports, params string[] settings)
    {
        var dll = await Publish();
        var port = FreePort.Next();
        var arguments = new List<string>
        {
            dll, $"--urls=http://127.0.0.1:{port}", $"--Auth:AdminToken={AdminToken}", "--Delivery:AllowPrivateNetworks=true",
            $"--Orleans:SiloPort={ports.Silo}", $"--Orleans:GatewayPort={ports.Gateway}", "--Logging:LogLevel:Default=Warning",
        };
        if (postgres is not null)
        {
            arguments.AddRange([$"--ConnectionStrings:Postgres={postgres}", "--Orleans:AdvertisedIP=127.0.0.1", $"--Orleans:ClusterId={clusterId}",
                $"--Secrets:Key={SecretsKey}"]);
        }
        arguments.AddRange(settings);
        var service = new ServiceUnderTest(ChildProcess.Start(name, "dotnet", arguments), new Uri($"http://127.0.0.1:{port}"), clusterId, ports);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await service.Http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (service._process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"the service did not get ready; see {Paths.Results}/{name}.log");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<string> Publish()
    {
        var output = Path.Combine(Paths.Output, "api");
        if (!_published)
        {
            Console.WriteLine("publishing api (Release)...");
            using var publish = System.Diagnostics.Process.Start(new ProcessStartInfo("dotnet",
                ["publish", Path.Combine(Paths.Repository, "api"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"]))!;
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet publish api failed");
            }
            _published = true;
        }
        return Path.Combine(output, "Qase.Webhooks.Api.dll");
    }

    /// <summary>
    /// The service's own runtime counters from its <c>/metrics</c>: bytes allocated since it started and seconds its
    /// collector paused it. They do not depend on how busy the machine is, as times do.
    /// </summary>
    public async Task<(double AllocatedBytes, double PauseSeconds)> RuntimeCounters()
    {
        var text = await Http.GetStringAsync("/metrics");
        return (Counter(text, "dotnet_gc_heap_total_allocated_bytes_total"), Counter(text, "dotnet_gc_pause_time_seconds_total"));

        static double Counter(string text, string name)
        {
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(name, StringComparison.Ordinal) && line.LastIndexOf(' ') is var space and > 0)
                {
                    return double.Parse(line[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            throw new InvalidOperationException($"the service's /metrics has no {name}");
        }
    }

    /// <summary>A workspace on a paid plan; answers its id.</summary>
    public async Task<string> Workspace()
    {
        var response = await Http.PostAsJsonAsync("/v1/workspaces", new { name = "Bench", plan = "business", owner_email = "owner@bench.test" });
        return (await Read(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    public async Task Project(string workspace, string code) =>
        await Read(await Http.PostAsJsonAsync($"/v1/workspaces/{workspace}/projects", new { code, title = code }), HttpStatusCode.Created);

    /// <summary>A webhook on <paramref name="url"/>; answers its id.</summary>
    public async Task<string> Webhook(string workspace, string code, string url, string? secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        int? rateLimit = null, bool ordered = false)
    {
        var response = await Http.PostAsJsonAsync($"/v1/workspaces/{workspace}/projects/{code}/webhooks",
            new { title = "bench", url, secret, events = new[] { Payloads.EventName }, rate_limit = rateLimit, ordered });
        return (await Read(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    public async Task PublishBatch(string workspace, string code, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await Http.PostAsync($"/v1/workspaces/{workspace}/projects/{code}/events/batch", content);
        await Read(response, HttpStatusCode.Accepted);
    }

    public async Task PublishOne(string workspace, string code, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await Http.PostAsync($"/v1/workspaces/{workspace}/projects/{code}/events", content);
        await Read(response, HttpStatusCode.Accepted);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}

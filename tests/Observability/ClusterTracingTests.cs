using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Observability;

/// <summary>
/// Traces across processes: an <c>api</c> in client mode and a <c>silo</c>, started from their binaries on one
/// PostgreSQL database, each exporting over OTLP to a loopback receiver of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTracingTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string AdminToken = "tracing-admin-token";
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> _processes = [];
    private Receiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await Receiver.Start();

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_publish_through_a_client_mode_api_is_one_trace_with_the_silo_attempts()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabase(),
            ["Auth:AdminToken"] = AdminToken,
            ["Secrets:Key"] = TestSecrets.Key,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        var silo = Process("silo", settings, "/otlp-silo", new()
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        await silo.WaitUntilReady(Start);
        var api = Process("api", settings, "/otlp-api", new() { ["Orleans:Mode"] = "client" });
        await api.WaitUntilReady(Start);

        using var admin = new HttpClient { BaseAddress = api.BaseAddress };
        admin.DefaultRequestHeaders.Add("Token", AdminToken);
        var workspace = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Traces", plan = "business", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Add("Token", workspace.GetProperty("token").GetString());
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "CTR", title = "Traces" }), HttpStatusCode.Created);
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, _receiver.Url(path), ["run.completed"], code: "CTR");
        var (traceId, traceParent) = TracingServer.NewTrace();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects/CTR/events")
        {
            Content = JsonContent.Create(new { event_name = "run.completed", payload = new { id = 1 } }),
        };
        request.Headers.Add("traceparent", traceParent);
        await HttpAssert.Json(await client.SendAsync(request), HttpStatusCode.Accepted);
        await _receiver.WaitFor(path, 1);

        // The API hosts no grain: the silo's spans of this trace (its grain calls, the attempt) came through Orleans.
        var id = new byte[16];
        traceId.CopyTo(id);
        foreach (var (name, otlp) in new[] { ("api", "/otlp-api"), ("silo", "/otlp-silo") })
        {
            await Eventually.True(() => _receiver.At(otlp + "/v1/traces").Any(r => r.Body.AsSpan().IndexOf(id) >= 0),
                TimeSpan.FromSeconds(20), () => $"the {name} exported spans of trace {traceId} ({_receiver.At(otlp + "/v1/traces").Count} exports)");
        }
        Assert.False(_receiver.At(path)[0].Headers.ContainsKey("traceparent"));
    }

    private ServiceProcess Process(string project, Dictionary<string, string?> shared, string otlpPath, Dictionary<string, string?> own)
    {
        var settings = new Dictionary<string, string?>(shared)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = new Uri(_receiver.BaseAddress, otlpPath).ToString().TrimEnd('/'),
        };
        foreach (var (key, value) in own)
        {
            settings[key] = value;
        }
        var process = ServiceProcess.Start(project, project, settings);
        _processes.Add(process);
        return process;
    }
}

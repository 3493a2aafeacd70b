using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// Another cluster calling the grains: the <c>samples/publisher</c> client, run as its own process against the
/// service as users run it, embedded and in PostgreSQL client mode. What it publishes is delivered and signed,
/// and what it gets wrong is refused exactly as REST refuses it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainClientTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string AdminToken = "grain-client-admin-token";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
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
    public async Task The_publisher_sample_delivers_through_the_gateway_of_the_embedded_service()
    {
        var gateway = FreePort.Next().ToString();
        var service = Started("api", "api", Settings(new()
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = gateway,
        }));
        await service.WaitUntilReady(Start);

        await PublishesAndIsRefusedAsRestIs(service, new() { ["Orleans:GatewayPort"] = gateway });
    }

    [Fact]
    public async Task The_publisher_sample_finds_a_postgres_cluster_in_its_membership_table()
    {
        var database = await postgres.CreateDatabase();
        var cluster = Settings(new()
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
        var silo = Started("silo", "silo", new(cluster)
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        await silo.WaitUntilReady(Start);
        var api = Started("api", "api", new(cluster) { ["Orleans:Mode"] = "client" });
        await api.WaitUntilReady(Start);

        await PublishesAndIsRefusedAsRestIs(api, new() { ["ConnectionStrings:Postgres"] = database });
    }

    private async Task PublishesAndIsRefusedAsRestIs(ServiceProcess rest, Dictionary<string, string?> connection)
    {
        var path = DeliveryServer.NewPath();
        connection["Webhook:Url"] = _receiver.Url(path);
        connection["Webhook:Secret"] = Secret;
        var (exitCode, output) = await ServiceProcess.Run("publisher", connection);
        Assert.True(exitCode == 0, output);

        var received = await _receiver.WaitFor(path, 2);
        Assert.Equal(["defect.resolved", "run.completed"], received.Select(r => r.Header("X-Qase-Event")).Order());
        Assert.All(received, r => Assert.True(
            StandardWebhooksVerifier.Verify(Secret, r.Header("webhook-id"), r.Header("webhook-timestamp"), r.Body, r.Header("webhook-signature")),
            "the Standard Webhooks signature verifies"));
        Assert.True(output.Split('\n').Count(line => line.Contains(" succeeded status=200")) == 2, output);

        // The same bad batch through REST names the same field with the same message.
        using var http = new HttpClient { BaseAddress = rest.BaseAddress };
        http.DefaultRequestHeaders.Add("Token", AdminToken);
        var workspace = await HttpAssert.Json(await http.PostAsJsonAsync("/v1/workspaces",
            new { name = "REST", plan = "startup", owner_email = "owner@example.com" }), System.Net.HttpStatusCode.Created);
        var projects = $"/v1/workspaces/{JsonAssert.String(workspace, "id")}/projects";
        await HttpAssert.Json(await http.PostAsJsonAsync(projects, new { code = "PUB", title = "REST" }), System.Net.HttpStatusCode.Created);
        var problem = await HttpAssert.Problem(await http.PostAsJsonAsync($"{projects}/PUB/events/batch",
            new { events = new[] { new { event_name = "run.finished", payload = new { id = 3 } } } }), System.Net.HttpStatusCode.BadRequest);
        var (field, messages) = Assert.Single(problem.GetProperty("errors").EnumerateObject().Select(p => (p.Name, p.Value)));
        Assert.Contains($"Refused (Validation): {field}: {string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()))}", output);
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:AdminToken"] = AdminToken,
            ["Secrets:Key"] = TestSecrets.Key,
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    private ServiceProcess Started(string project, string name, Dictionary<string, string?> settings)
    {
        var process = ServiceProcess.Start(project, name, settings);
        _processes.Add(process);
        return process;
    }
}

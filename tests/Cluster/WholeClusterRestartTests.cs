using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// Every silo of a PostgreSQL cluster stops (one of them crashed before), then one silo and a new api come back:
/// the api serves at once, answers 503 until the cluster answers, and the cluster's state is all there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WholeClusterRestartTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminToken = "restart-admin-token";
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private Receiver _receiver = null!;
    private ProcessCluster _cluster = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _database = await postgres.CreateDatabase();
        _cluster = ProcessCluster.On(_database, AdminToken, new Dictionary<string, string?>
        {
            // One attempt only: after the restart nothing but the health reminder can disable the webhook.
            ["Delivery:RetrySchedule:0"] = "01:00:00",
            ["Health:CheckPeriod"] = "00:00:02",
            ["Health:FailureWindow"] = "00:01:00",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task After_every_silo_stopped_the_api_serves_at_once_answers_503_and_is_ready_soon_after_one_silo_starts()
    {
        await _cluster.Migrate();
        var siloA = _cluster.StartSilo("silo-a");
        var siloB = _cluster.StartSilo("silo-b");
        await Task.WhenAll(siloA.WaitUntilReady(ProcessCluster.Start), siloB.WaitUntilReady(ProcessCluster.Start));
        var firstApi = _cluster.StartApi("api-1");
        await firstApi.WaitUntilReady(ProcessCluster.Start);

        using var admin = ProcessCluster.Client(firstApi, AdminToken);
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Restart", plan = "business", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        var workspaceId = created.GetProperty("id").GetString()!;
        using var client = ProcessCluster.Client(firstApi, created.GetProperty("token").GetString()!);
        (await client.PostAsJsonAsync("/v1/projects", new { code = "BACK", title = "Back" })).EnsureSuccessStatusCode();
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(path, new Reply(500)), ["run.completed"], code: "BACK");
        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "BACK");
        var failingSince = (await Eventually.Value(() => client.GetFromJsonAsync<JsonElement>($"/v1/projects/BACK/webhooks/{webhookId}"),
            w => w.GetProperty("failing_since").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(30), "the streak started"))
            .GetProperty("failing_since").GetString();
        // The failed attempt is recorded (its retry an hour away) before anything dies, so it is not made again.
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, code: "BACK"),
            page => page.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("attempt_count").GetInt32() == 1),
            TimeSpan.FromSeconds(30), "the attempt recorded");

        // A crashes; B and the api stop right after, before anyone declares A dead: its row stays Active.
        siloA.Kill();
        await siloB.Stop(TimeSpan.FromSeconds(30));
        firstApi.Kill();
        Assert.True(await ActiveMembershipRows() > 0, "the crashed silo's row should still say Active");

        var started = Stopwatch.StartNew();
        var api = _cluster.StartApi("api-2");
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Value(() => Status(http, "/health/live"), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(15),
            "live with no silo running");
        output.WriteLine($"api live {started.Elapsed.TotalSeconds:F1} s after its start, with no silo running");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Status(http, "/health/ready"));
        using var adminAgain = ProcessCluster.Client(api, AdminToken);
        await AssertUnavailable(await adminAgain.GetAsync($"/v1/workspaces/{workspaceId}"));

        var siloStarted = Stopwatch.StartNew();
        _cluster.StartSilo("silo-c");
        await api.WaitUntilReady(Ready, () => Membership().GetAwaiter().GetResult() + _cluster.Tail());
        output.WriteLine($"api ready {siloStarted.Elapsed.TotalSeconds:F1} s after the first silo's start (stale membership rows: yes)");

        using var clientAgain = ProcessCluster.Client(api, client.DefaultRequestHeaders.GetValues("Token").Single());
        var webhook = await HttpAssert.Json(await clientAgain.GetAsync($"/v1/projects/BACK/webhooks/{webhookId}"));
        Assert.Equal(failingSince, webhook.GetProperty("failing_since").GetString());
        Assert.Equal(1, await HealthReminders());
        // Only the reminder is left to end the streak: no attempt is due for an hour.
        var disabled = await Eventually.Value(() => clientAgain.GetFromJsonAsync<JsonElement>($"/v1/projects/BACK/webhooks/{webhookId}"),
            w => !w.GetProperty("enabled").GetBoolean(), TimeSpan.FromSeconds(90), "disabled by the reminder after the restart");
        Assert.Equal("failing", disabled.GetProperty("disabled_reason").GetString());
        Assert.Single(_receiver.At(path));
    }

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        await HttpAssert.Problem(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private async Task<long> ActiveMembershipRows() =>
        await Scalar("SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3");

    private async Task<string> Membership()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT Port, ProxyPort, Status, SiloName, IAmAliveTime, SuspectTimes FROM OrleansMembershipTable ORDER BY StartTime", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new System.Text.StringBuilder("membership:\n");
        while (await reader.ReadAsync())
        {
            rows.AppendLine($"  {reader.GetInt32(0)} gateway {reader.GetInt32(1)} status {reader.GetInt32(2)} {reader.GetString(3)} alive {reader.GetDateTime(4):O} suspects {(reader.IsDBNull(5) ? "" : reader.GetString(5))}");
        }
        return rows.ToString();
    }

    private async Task<long> HealthReminders() =>
        await Scalar("SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'health-check'");

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

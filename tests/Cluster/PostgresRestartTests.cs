using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>The API co-hosting a silo in PostgreSQL mode, stopped and started again on the same database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private Receiver _receiver = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _database = await postgres.CreateDatabase();
    }

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    private ApiServer Server(string failureWindow = "2.00:00:00", string retryAfter = "00:00:04") => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = _database,
        ["Orleans:AdvertisedIP"] = "127.0.0.1",
        ["Delivery:RetrySchedule:0"] = retryAfter,
        ["Delivery:SweepInterval"] = "00:00:01",
        ["Health:CheckPeriod"] = "00:00:01",
        ["Health:FailureWindow"] = failureWindow,
    });

    [Fact]
    public async Task Workspaces_webhooks_and_pending_retries_survive_a_restart()
    {
        var path = DeliveryServer.NewPath();
        var url = _receiver.Url(path, new Reply(500), Reply.Ok);
        string token, webhookId, deliveryId, workspaceId;
        var first = Server();
        await first.InitializeAsync();
        try
        {
            (workspaceId, var client) = await first.CreateProject("DUR");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            webhookId = await DeliveryServer.CreateWebhook(client, url, ["run.completed"], "s3cret", "DUR");
            await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "DUR");
            deliveryId = (await _receiver.WaitFor(path, 1))[0].Header("webhook-id");
            await StreakIsDurable(first, workspaceId, "DUR", webhookId);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = Server();
        await second.InitializeAsync();
        try
        {
            using var client = second.Client(token);
            var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/DUR/webhooks/{webhookId}"));
            Assert.True(webhook.GetProperty("has_secret").GetBoolean());
            // The retry may already have ended the streak; the failure that began it is kept either way.
            Assert.NotEqual(JsonValueKind.Null, webhook.GetProperty("last_failure_at").ValueKind);

            var received = await _receiver.WaitFor(path, 2, Within);
            Assert.Equal(deliveryId, received[1].Header("webhook-id"));
            Assert.True(StandardWebhooksVerifier.Verify("s3cret", deliveryId, received[1].Header("webhook-timestamp"), received[1].Body, received[1].Header("webhook-signature")));
            var detail = await Eventually.Value(
                () => client.GetFromJsonAsync<JsonElement>($"/v1/projects/DUR/webhooks/{webhookId}/deliveries/{deliveryId}"),
                d => d.GetProperty("status").GetString() == "succeeded", Within, "the retry recorded");
            Assert.Equal([500, 200], detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("response_status").GetInt32()));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failure_streak_and_its_reminder_survive_a_restart_and_still_disable_the_webhook()
    {
        var path = DeliveryServer.NewPath();
        string token, webhookId, workspaceId;
        // No retry comes before the window ends, so only the reminder can find that it has.
        var first = Server(failureWindow: "00:00:06", retryAfter: "01:00:00");
        await first.InitializeAsync();
        try
        {
            (workspaceId, var client) = await first.CreateProject("STRK");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(path, new Reply(500)), ["run.completed"], code: "STRK");
            await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "STRK");
            await Eventually.Value(() => client.GetFromJsonAsync<JsonElement>($"/v1/projects/STRK/webhooks/{webhookId}"),
                w => w.GetProperty("failing_since").ValueKind != JsonValueKind.Null, Within, "the streak started");
            await StreakIsDurable(first, workspaceId, "STRK", webhookId);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = Server(failureWindow: "00:00:06", retryAfter: "01:00:00");
        await second.InitializeAsync();
        try
        {
            using var client = second.Client(token);
            var disabled = await Eventually.Value(() => client.GetFromJsonAsync<JsonElement>($"/v1/projects/STRK/webhooks/{webhookId}"),
                w => !w.GetProperty("enabled").GetBoolean(), Within, "disabled after the window");
            Assert.Equal("failing", disabled.GetProperty("disabled_reason").GetString());
            Assert.Single(_receiver.At(path));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    // The streak is visible as soon as the grain holds it; it is durable once its reminder is registered,
    // which follows the state write. A restart before that may rightly find no streak.
    private static Task StreakIsDurable(ApiServer server, string workspaceId, string code, string webhookId) =>
        Eventually.Value(() => HealthReminder(server, workspaceId, code, webhookId), row => row is not null, Within, "the streak's reminder registered");

    private static Task<Orleans.ReminderEntry?> HealthReminder(ApiServer server, string workspaceId, string code, string webhookId)
    {
        var grainId = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, code, webhookId)).GetGrainId();
        return server.Services.GetRequiredService<Orleans.IReminderTable>().ReadRow(grainId, "health-check")!;
    }
}

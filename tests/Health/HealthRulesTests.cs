using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Health;

[Collection(HealthCollection.Name)]
public sealed class HealthRulesTests(HealthServer server)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private string _workspaceId = "";

    private IMailOutbox Outbox => server.Api.Services.GetRequiredService<IMailOutbox>();

    [Fact]
    public async Task Webhook_is_disabled_when_the_endpoint_times_out_and_the_owner_is_mailed_once()
    {
        var (owner, client) = await Workspace("HUNG");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, Reply.Hang), ["run.completed"], code: "HUNG");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "HUNG");

        var webhook = await WaitForWebhook(client, "HUNG", webhookId, w => !w.GetProperty("enabled").GetBoolean());
        Assert.Equal("timeout", webhook.GetProperty("disabled_reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, webhook.GetProperty("disabled_at").ValueKind);
        Assert.Contains("timeout", webhook.GetProperty("last_error").GetString());

        var mail = Assert.Single(await WaitForMails(owner, 1));
        Assert.Contains("was disabled", mail.Header("Subject"));
        Assert.Contains(server.Receiver.Url(path), mail.Data);
        Assert.Contains("did not respond", mail.Data);
        Assert.NotEqual("", mail.Header("Message-ID"));
        Assert.True(mail.OverTls, "the mail went over STARTTLS");
        Assert.Equal(SmtpSink.UserName, mail.User);
        Assert.Single((await DeliveryServer.Deliveries(client, webhookId, "?status=failed", "HUNG")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Webhook_failing_past_the_window_is_disabled_with_its_pending_deliveries_failed()
    {
        var (owner, client) = await Workspace("FAIL");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500)), ["run.completed"], code: "FAIL");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "FAIL");
        await DeliveryServer.Publish(client, "run.completed", new { id = 2 }, code: "FAIL");

        // Inside the window: failing, still enabled.
        var failing = await WaitForWebhook(client, "FAIL", webhookId, w => w.GetProperty("failing_since").ValueKind != JsonValueKind.Null);
        Assert.True(failing.GetProperty("enabled").GetBoolean());
        Assert.Contains("500", failing.GetProperty("last_error").GetString());
        Assert.Empty(server.MailsTo(owner));

        var disabled = await WaitForWebhook(client, "FAIL", webhookId, w => !w.GetProperty("enabled").GetBoolean());
        Assert.Equal("failing", disabled.GetProperty("disabled_reason").GetString());
        Assert.True(disabled.GetProperty("disabled_at").GetDateTimeOffset() - failing.GetProperty("failing_since").GetDateTimeOffset() >= TimeSpan.FromSeconds(4));

        var mail = Assert.Single(await WaitForMails(owner, 1));
        Assert.Contains("no delivery succeeded", mail.Data);
        Assert.Empty((await DeliveryServer.Deliveries(client, webhookId, "?status=pending", "FAIL")).GetProperty("items").EnumerateArray());
        Assert.Equal(2, (await DeliveryServer.Deliveries(client, webhookId, "?status=failed", "FAIL")).GetProperty("items").GetArrayLength());
        Assert.Null(await Reminder("FAIL", webhookId));
    }

    [Fact]
    public async Task A_410_disables_at_once_and_mails_the_notify_address()
    {
        var (owner, client) = await Workspace("GONE");
        var path = DeliveryServer.NewPath();
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/GONE/webhooks", new
        {
            title = "Old <b>endpoint</b>", url = server.Receiver.Url(path, new Reply(410)), events = new[] { "case.created" },
            notify_email = $"creator-{Guid.NewGuid():N}@example.com",
        }), System.Net.HttpStatusCode.Created);
        var webhookId = created.GetProperty("id").GetString()!;
        var creator = created.GetProperty("notify_email").GetString()!;

        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "GONE");

        var webhook = await WaitForWebhook(client, "GONE", webhookId, w => !w.GetProperty("enabled").GetBoolean());
        Assert.Equal("gone", webhook.GetProperty("disabled_reason").GetString());
        var mail = Assert.Single(await WaitForMails(creator, 1));
        Assert.Contains("Old &lt;b&gt;endpoint&lt;/b&gt;", mail.Data); // tenant text escaped in the HTML part
        Assert.DoesNotContain("<b>endpoint</b>", mail.Data.Split("text/html")[^1]);
        Assert.Empty(server.MailsTo(owner));
    }

    [Fact]
    public async Task Failing_once_then_succeeding_ends_the_streak_and_its_reminder()
    {
        var (owner, client) = await Workspace("FLAP");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(500), new Reply(500), new Reply(500), Reply.Ok);
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["run.completed"], code: "FLAP");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "FLAP");

        await Eventually.Value(() => Reminder("FLAP", webhookId), r => r is not null, Within, "the streak's reminder registered");
        var healthy = await WaitForWebhook(client, "FLAP", webhookId, w => w.GetProperty("last_success_at").ValueKind != JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, healthy.GetProperty("failing_since").ValueKind);
        await Eventually.Value(() => Reminder("FLAP", webhookId), r => r is null, Within, "the reminder removed");

        // Past the failure window since the first failure: still enabled, never mailed.
        var firstFailure = healthy.GetProperty("last_failure_at").GetDateTimeOffset();
        await Eventually.True(() => DateTimeOffset.UtcNow > firstFailure + TimeSpan.FromSeconds(5), Within);
        var later = await HttpAssert.Json(await client.GetAsync($"/v1/projects/FLAP/webhooks/{webhookId}"));
        Assert.True(later.GetProperty("enabled").GetBoolean());
        Assert.Empty(server.MailsTo(owner));
    }

    [Fact]
    public async Task A_manual_disable_sends_no_mail_and_enable_clears_the_streak()
    {
        var (owner, client) = await Workspace("MAN");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500)), ["run.completed"], code: "MAN");
        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "MAN");
        await WaitForWebhook(client, "MAN", webhookId, w => w.GetProperty("failing_since").ValueKind != JsonValueKind.Null);

        var disabled = await HttpAssert.Json(await client.PostAsync($"/v1/projects/MAN/webhooks/{webhookId}/disable", null));
        Assert.Equal("manual", disabled.GetProperty("disabled_reason").GetString());
        var enabled = await HttpAssert.Json(await client.PostAsync($"/v1/projects/MAN/webhooks/{webhookId}/enable", null));
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("failing_since").ValueKind);
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_reason").ValueKind);

        // A later automatic disabling of another webhook of the same owner proves the mail path is alive.
        var other = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(DeliveryServer.NewPath(), new Reply(410)), ["case.created"], code: "MAN");
        await DeliveryServer.Publish(client, "case.created", new { id = 2 }, code: "MAN");
        var mail = Assert.Single(await WaitForMails(owner, 1));
        Assert.Contains(other, mail.Data);
    }

    [Fact]
    public async Task A_mail_that_meets_a_dead_SMTP_server_arrives_once_it_is_back()
    {
        var (owner, client) = await Workspace("SMTP");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(410)), ["case.created"], code: "SMTP");
        await server.Smtp.Stop();
        try
        {
            await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "SMTP");
            await WaitForWebhook(client, "SMTP", webhookId, w => !w.GetProperty("enabled").GetBoolean());
            await Eventually.Value(() => Outbox.CountWaiting(), waiting => waiting == 1, Within, "the mail waiting");
        }
        finally
        {
            server.Smtp.Start();
        }

        var mail = Assert.Single(await WaitForMails(owner, 1));
        Assert.Contains(webhookId, mail.Data);
        await Eventually.Value(() => Outbox.CountWaiting(), waiting => waiting == 0, Within, "the queue emptied");
        Assert.Single(server.MailsTo(owner));
    }

    private async Task<(string Owner, HttpClient Client)> Workspace(string code)
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        (_workspaceId, var client) = await server.Api.CreateWorkspace("startup", owner);
        (await client.PostAsJsonAsync("/v1/projects", new { code, title = code })).EnsureSuccessStatusCode();
        return (owner, client);
    }

    private static Task<JsonElement> WaitForWebhook(HttpClient client, string code, string webhookId, Func<JsonElement, bool> condition) =>
        Eventually.Value(() => client.GetFromJsonAsync<JsonElement>($"/v1/projects/{code}/webhooks/{webhookId}"), condition, Within, $"webhook {webhookId}");

    private async Task<IReadOnlyList<ReceivedMail>> WaitForMails(string to, int count)
    {
        await Eventually.True(() => server.MailsTo(to).Count >= count, Within, () => $"{count} mail(s) to {to}");
        return server.MailsTo(to);
    }

    private Task<Orleans.ReminderEntry?> Reminder(string code, string webhookId)
    {
        var grains = server.Api.Services.GetRequiredService<IGrainFactory>();
        var grainId = grains.GetGrain<IWebhookGrain>(GrainKeys.Webhook(_workspaceId, code, webhookId)).GetGrainId();
        return server.Api.Services.GetRequiredService<Orleans.IReminderTable>().ReadRow(grainId, "health-check");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class WebhooksApiTests(ApiServer server)
{
    private static readonly string[] WebhookFields =
    [
        "id", "project_code", "title", "url", "events", "enabled", "has_secret", "disabled_reason", "disabled_at",
        "failing_since", "last_success_at", "last_failure_at", "last_error", "notify_email", "created_at", "updated_at",
        "signature_scheme", "public_key", "secret_rotation_ends_at",
        "rate_limit", "ordered",
    ];

    [Fact]
    public async Task Creating_a_webhook_answers_201_with_every_field()
    {
        var (_, client) = await server.CreateProject("DEMO");

        var response = await client.PostAsJsonAsync("/v1/projects/demo/webhooks", new
        {
            title = "Nightly CI", url = "https://ci.example.com/qase?team=7", secret = "s3cret",
            events = new[] { "run.completed", "defect.resolved" }, notify_email = "dev@example.com",
        });
        var webhook = await HttpAssert.Json(response, HttpStatusCode.Created);

        JsonAssert.Fields(webhook, WebhookFields);
        var id = JsonAssert.String(webhook, "id");
        Assert.Equal("DEMO", JsonAssert.String(webhook, "project_code"));
        Assert.Equal("Nightly CI", JsonAssert.String(webhook, "title"));
        Assert.Equal("https://ci.example.com/qase?team=7", JsonAssert.String(webhook, "url"));
        Assert.Equal(["run.completed", "defect.resolved"], JsonAssert.Strings(webhook, "events"));
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.True(webhook.GetProperty("has_secret").GetBoolean());
        Assert.Equal("dev@example.com", JsonAssert.String(webhook, "notify_email"));
        foreach (var empty in new[] { "disabled_reason", "disabled_at", "failing_since", "last_success_at", "last_failure_at", "last_error" })
        {
            JsonAssert.Null(webhook, empty);
        }
        Assert.Equal(JsonAssert.Timestamp(webhook, "created_at"), JsonAssert.Timestamp(webhook, "updated_at"));
        Assert.EndsWith($"/projects/DEMO/webhooks/{id}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Optional_fields_default_to_no_secret_no_email_and_enabled()
    {
        var (_, client) = await server.CreateProject("DEMO");

        var webhook = await ApiServer.CreateWebhook(client, body: new { title = "CI", url = "http://ci.example.com/hook", events = new[] { "case.created" } });

        JsonAssert.Fields(webhook, WebhookFields);
        Assert.False(webhook.GetProperty("has_secret").GetBoolean());
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        JsonAssert.Null(webhook, "notify_email");
        JsonAssert.Null(webhook, "disabled_reason");
    }

    [Fact]
    public async Task Webhook_created_disabled_is_disabled_by_hand()
    {
        var (_, client) = await server.CreateProject("DEMO");

        var webhook = await ApiServer.CreateWebhook(client, body: new { title = "CI", url = "https://ci.example.com/hook", events = new[] { "case.created" }, enabled = false });

        Assert.False(webhook.GetProperty("enabled").GetBoolean());
        Assert.Equal("manual", JsonAssert.String(webhook, "disabled_reason"));
        JsonAssert.Timestamp(webhook, "disabled_at");
    }

    [Fact]
    public async Task Repeated_events_are_kept_once_in_the_order_sent()
    {
        var (_, client) = await server.CreateProject("DEMO");

        var webhook = await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(["case.created", "run.completed", "case.created"]));

        Assert.Equal(["case.created", "run.completed"], JsonAssert.Strings(webhook, "events"));
    }

    [Fact]
    public async Task Webhooks_are_read_and_listed_as_created()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var first = await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(["run.completed"]));
        var second = await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(["case.created"], secret: "x"));

        var read = await HttpAssert.Json(await client.GetAsync($"/v1/projects/Demo/webhooks/{JsonAssert.String(first, "id")}"));
        Assert.Equal(first.GetRawText(), read.GetRawText());

        var items = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks")));
        Assert.Equal([first.GetRawText(), second.GetRawText()], items.Select(i => i.GetRawText()));
    }

    [Fact]
    public async Task Patching_changes_only_the_fields_sent()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client, body: new
        {
            title = "CI", url = "https://ci.example.com/hook", secret = "s3cret", events = new[] { "run.completed" }, notify_email = "dev@example.com",
        });
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";

        var renamed = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { title = "Renamed" }));
        JsonAssert.Fields(renamed, WebhookFields);
        Assert.Equal("Renamed", JsonAssert.String(renamed, "title"));
        Assert.Equal("https://ci.example.com/hook", JsonAssert.String(renamed, "url"));
        Assert.Equal(["run.completed"], JsonAssert.Strings(renamed, "events"));
        Assert.True(renamed.GetProperty("has_secret").GetBoolean());
        Assert.Equal("dev@example.com", JsonAssert.String(renamed, "notify_email"));
        Assert.True(renamed.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonAssert.Timestamp(created, "created_at"), JsonAssert.Timestamp(renamed, "created_at"));
        Assert.True(JsonAssert.Timestamp(renamed, "updated_at") >= JsonAssert.Timestamp(created, "updated_at"));

        var moved = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new
        {
            url = "https://new.example.com/hook", events = new[] { "case.created", "defect.created" }, notify_email = (string?)null,
        }));
        Assert.Equal("Renamed", JsonAssert.String(moved, "title"));
        Assert.Equal("https://new.example.com/hook", JsonAssert.String(moved, "url"));
        Assert.Equal(["case.created", "defect.created"], JsonAssert.Strings(moved, "events"));
        JsonAssert.Null(moved, "notify_email");
        JsonAssert.Null(moved, "failing_since");
        Assert.True(moved.GetProperty("has_secret").GetBoolean());

        var read = await HttpAssert.Json(await client.GetAsync(path));
        Assert.Equal(moved.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task Patching_enabled_disables_by_hand_and_enables_again()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client), "id")}";

        var disabled = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { enabled = false }));
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("manual", JsonAssert.String(disabled, "disabled_reason"));
        JsonAssert.Timestamp(disabled, "disabled_at");

        var enabled = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { enabled = true }));
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        JsonAssert.Null(enabled, "disabled_reason");
        JsonAssert.Null(enabled, "disabled_at");
    }

    [Fact]
    public async Task Disable_sets_the_manual_reason_and_enable_clears_it()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";

        var disabled = await HttpAssert.Json(await client.PostAsync($"{path}/disable", null));
        JsonAssert.Fields(disabled, WebhookFields);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("manual", JsonAssert.String(disabled, "disabled_reason"));
        var disabledAt = JsonAssert.Timestamp(disabled, "disabled_at");
        Assert.Equal(disabledAt, JsonAssert.Timestamp(disabled, "updated_at"));
        Assert.Equal(disabled.GetRawText(), (await HttpAssert.Json(await client.GetAsync(path))).GetRawText());

        var enabled = await HttpAssert.Json(await client.PostAsync($"{path}/enable", null));
        JsonAssert.Fields(enabled, WebhookFields);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        JsonAssert.Null(enabled, "disabled_reason");
        JsonAssert.Null(enabled, "disabled_at");
        JsonAssert.Null(enabled, "failing_since");
        Assert.Equal(enabled.GetRawText(), (await HttpAssert.Json(await client.GetAsync(path))).GetRawText());
    }

    [Fact]
    public async Task Enabling_an_enabled_webhook_keeps_it_enabled()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client), "id")}";

        var enabled = await HttpAssert.Json(await client.PostAsync($"{path}/enable", null));

        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        JsonAssert.Null(enabled, "disabled_reason");
    }

    [Fact]
    public async Task Deleted_webhook_answers_404_and_leaves_the_list()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var kept = await ApiServer.CreateWebhook(client);
        var deleted = await ApiServer.CreateWebhook(client);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(deleted, "id")}";

        var response = await client.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await HttpAssert.Problem(await client.GetAsync(path), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.DeleteAsync(path), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsync($"{path}/enable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsync($"{path}/disable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { title = "Back" }), HttpStatusCode.NotFound, "not-found");
        var items = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks")));
        Assert.Equal([JsonAssert.String(kept, "id")], items.Select(i => JsonAssert.String(i, "id")));
    }

    [Fact]
    public async Task Unknown_webhook_answers_404_on_every_route()
    {
        var (_, client) = await server.CreateProject("DEMO");
        const string path = "/v1/projects/DEMO/webhooks/wh_missing";

        await HttpAssert.Problem(await client.GetAsync(path), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { title = "x" }), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.DeleteAsync(path), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsync($"{path}/enable", null), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsync($"{path}/disable", null), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
    }

    [Fact]
    public async Task Ids_are_opaque_strings_unique_per_webhook()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var webhook = await ApiServer.CreateWebhook(client);
            Assert.Equal(JsonValueKind.String, webhook.GetProperty("id").ValueKind);
            ids.Add(JsonAssert.String(webhook, "id"));
        }
        Assert.Equal(3, ids.Distinct().Count());
    }
}

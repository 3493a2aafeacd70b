using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>The secret is write-only: no answer ever contains it.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookSecretTests(ApiServer server)
{
    private const string Secret = "whsec_first-S3cret-value";
    private const string NewSecret = "second~S3cret!value";

    [Fact]
    public async Task Secret_never_appears_in_any_answer()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var answers = new List<string>();

        var created = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook(secret: Secret));
        answers.Add(await created.Content.ReadAsStringAsync());
        var webhook = await HttpAssert.Json(created, System.Net.HttpStatusCode.Created);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(webhook, "id")}";
        answers.Add(await client.GetStringAsync(path));
        answers.Add(await client.GetStringAsync("/v1/projects/DEMO/webhooks"));
        answers.Add(await (await client.PatchAsJsonAsync(path, new { title = "Renamed" })).Content.ReadAsStringAsync());
        answers.Add(await (await client.PatchAsJsonAsync(path, new { secret = NewSecret })).Content.ReadAsStringAsync());
        answers.Add(await (await client.PostAsync($"{path}/disable", null)).Content.ReadAsStringAsync());
        answers.Add(await (await client.PostAsync($"{path}/enable", null)).Content.ReadAsStringAsync());
        answers.Add(await client.GetStringAsync(path));

        Assert.Equal(8, answers.Count);
        Assert.All(answers, answer =>
        {
            Assert.Contains("\"has_secret\":true", answer);
            Assert.DoesNotContain("S3cret", answer);
            Assert.DoesNotContain("\"secret\"", answer);
        });
    }

    [Fact]
    public async Task Patching_secret_null_removes_it()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(secret: Secret)), "id")}";

        var patched = await HttpAssert.Json(await client.PatchAsync(path, JsonAssert.Raw("""{"secret": null}""")));

        Assert.False(patched.GetProperty("has_secret").GetBoolean());
        Assert.False((await HttpAssert.Json(await client.GetAsync(path))).GetProperty("has_secret").GetBoolean());
    }

    [Fact]
    public async Task Patching_without_secret_keeps_it()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(secret: Secret)), "id")}";

        var patched = await HttpAssert.Json(await client.PatchAsync(path, JsonAssert.Raw("""{"title": "Renamed", "events": ["case.created"]}""")));

        Assert.True(patched.GetProperty("has_secret").GetBoolean());
        Assert.True((await HttpAssert.Json(await client.GetAsync(path))).GetProperty("has_secret").GetBoolean());
    }

    [Fact]
    public async Task Patching_a_secret_sets_one_on_a_webhook_without()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client);
        Assert.False(created.GetProperty("has_secret").GetBoolean());
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";

        var patched = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { secret = NewSecret }));

        Assert.True(patched.GetProperty("has_secret").GetBoolean());
        Assert.DoesNotContain(NewSecret, patched.GetRawText());
    }

    [Fact]
    public async Task Patching_notify_email_null_removes_it_and_leaving_it_out_keeps_it()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client, body: new
        {
            title = "CI", url = "https://ci.example.com/hook", events = new[] { "run.completed" }, notify_email = "dev@example.com",
        });
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";

        var kept = await HttpAssert.Json(await client.PatchAsync(path, JsonAssert.Raw("""{"title": "Renamed"}""")));
        Assert.Equal("dev@example.com", JsonAssert.String(kept, "notify_email"));

        var removed = await HttpAssert.Json(await client.PatchAsync(path, JsonAssert.Raw("""{"notify_email": null}""")));
        JsonAssert.Null(removed, "notify_email");
    }
}

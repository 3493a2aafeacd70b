using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class WebhookValidationTests(ApiServer server)
{
    [Theory]
    [InlineData("ftp://ci.example.com/hook")]
    [InlineData("ws://ci.example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/hook")]
    [InlineData("ci.example.com/hook")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Url_that_is_not_absolute_http_or_https_is_refused(string url)
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", new { title = "CI", url, events = new[] { "run.completed" } });
        await HttpAssert.Invalid(response, "url");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
    }

    [Theory]
    [InlineData("https://user:pass@ci.example.com/hook")]
    [InlineData("https://user@ci.example.com/hook")]
    [InlineData("http://:pass@ci.example.com/hook")]
    public async Task Url_with_a_user_name_or_password_is_refused(string url)
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", new { title = "CI", url, events = new[] { "run.completed" } });
        var problem = await HttpAssert.Invalid(response, "url");
        Assert.DoesNotContain(url, problem.GetRawText());
    }

    [Fact]
    public async Task Url_longer_than_2048_characters_is_refused_and_2048_is_accepted()
    {
        var (_, client) = await server.CreateProject("DEMO");
        const string prefix = "https://ci.example.com/";
        var longest = prefix + new string('a', 2048 - prefix.Length);

        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = "CI", url = longest + "a", events = new[] { "run.completed" } }), "url");
        var created = await ApiServer.CreateWebhook(client, body: new { title = "CI", url = longest, events = new[] { "run.completed" } });
        Assert.Equal(longest, JsonAssert.String(created, "url"));
    }

    [Fact]
    public async Task Loopback_literal_url_is_accepted_while_private_networks_are_allowed()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client, body: new { title = "CI", url = "http://127.0.0.1:9/hook", events = new[] { "run.completed" } });
        Assert.Equal("http://127.0.0.1:9/hook", JsonAssert.String(created, "url"));
    }

    [Fact]
    public async Task Unknown_events_are_named_by_their_index()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", new
        {
            title = "CI", url = "https://ci.example.com/hook", events = new[] { "run.completed", "run.exploded", "case.created", "Run.Completed" },
        });

        var problem = await HttpAssert.Invalid(response, "events[1]", "events[3]");
        var errors = problem.GetProperty("errors");
        Assert.Contains("run.exploded", errors.GetProperty("events[1]")[0].GetString());
        Assert.Contains("Run.Completed", errors.GetProperty("events[3]")[0].GetString());
    }

    [Fact]
    public async Task Empty_or_missing_events_are_refused()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = "CI", url = "https://ci.example.com/hook", events = Array.Empty<string>() }), "events");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = "CI", url = "https://ci.example.com/hook" }), "events");
    }

    [Fact]
    public async Task Title_must_have_1_to_255_characters()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = new string('t', 256), url = "https://ci.example.com/hook", events = new[] { "run.completed" } }), "title");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = "", url = "https://ci.example.com/hook", events = new[] { "run.completed" } }), "title");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { url = "https://ci.example.com/hook", events = new[] { "run.completed" } }), "title");
        var longest = await ApiServer.CreateWebhook(client, body: new { title = new string('t', 255), url = "https://ci.example.com/hook", events = new[] { "run.completed" } });
        Assert.Equal(255, JsonAssert.String(longest, "title").Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("caf\u00e9")]
    [InlineData("del\u007f")]
    public async Task Secret_must_be_printable_ascii(string secret)
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook(secret: secret)), "secret");
    }

    [Fact]
    public async Task Secret_longer_than_255_characters_is_refused()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", ApiServer.ValidWebhook(secret: new string('s', 256))), "secret");
        await ApiServer.CreateWebhook(client, body: ApiServer.ValidWebhook(secret: new string('s', 255)));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("dev@")]
    [InlineData("Dev <dev@example.com>")]
    [InlineData("")]
    public async Task Bad_notify_email_is_refused(string email)
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = "CI", url = "https://ci.example.com/hook", events = new[] { "run.completed" }, notify_email = email }), "notify_email");
    }

    [Fact]
    public async Task Several_bad_fields_are_all_named()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", new
        {
            title = "", url = "gopher://ci.example.com", secret = "\u0001", events = new[] { "nope", "run.completed", "nada" }, notify_email = "x",
        });

        var problem = await HttpAssert.Invalid(response, "title", "url", "secret", "events[0]", "events[2]", "notify_email");
        Assert.EndsWith("/validation", JsonAssert.String(problem, "type"));
        Assert.All(problem.GetProperty("errors").EnumerateObject(), e => Assert.NotEmpty(e.Value[0].GetString()!));
    }

    [Fact]
    public async Task Patch_names_the_bad_fields_and_changes_nothing()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client);
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";

        await HttpAssert.Invalid(await client.PatchAsJsonAsync(path, new
        {
            title = new string('t', 256), url = "https://u:p@ci.example.com", secret = "", events = new[] { "run.completed", "bogus" }, notify_email = "@",
        }), "title", "url", "secret", "events[1]", "notify_email");
        await HttpAssert.Invalid(await client.PatchAsJsonAsync(path, new { events = Array.Empty<string>() }), "events");

        Assert.Equal(created.GetRawText(), (await HttpAssert.Json(await client.GetAsync(path))).GetRawText());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>Bodies that cannot be read are the caller's fault: 400 or 413 problems, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestBodyTests(ApiServer server)
{
    [Theory]
    [InlineData("{")]
    [InlineData("{\"title\": ")]
    [InlineData("{\"title\": \"CI\",}")]
    [InlineData("{'title': 'CI'}")]
    [InlineData("not json")]
    [InlineData("{\"title\": \"CI\"} trailing")]
    [InlineData("{\"events\": [\"run.completed\"")]
    public async Task Malformed_json_answers_400_not_500(string body)
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client), "id")}";
        using var admin = server.Client();

        await HttpAssert.Problem(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw(body)), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await client.PatchAsync(path, JsonAssert.Raw(body)), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await client.PostAsync("/v1/projects", JsonAssert.Raw(body)), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await admin.PostAsync("/v1/workspaces", JsonAssert.Raw(body)), HttpStatusCode.BadRequest);
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
    }

    [Theory]
    [InlineData("""{"title": 5, "url": "https://ci.example.com/hook", "events": ["run.completed"]}""", "title")]
    [InlineData("""{"title": "CI", "url": true, "events": ["run.completed"]}""", "url")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": "run.completed"}""", "events")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed", 7]}""", "events[1]")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "enabled": "yes"}""", "enabled")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "secret": {"a": 1}}""", "secret")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "notify_email": 12}""", "notify_email")]
    public async Task Wrong_json_type_for_a_webhook_field_answers_400_naming_it(string body, string field)
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw(body)), field);
    }

    [Theory]
    [InlineData("""{"enabled": "no"}""", "enabled")]
    [InlineData("""{"events": {"0": "run.completed"}}""", "events")]
    [InlineData("""{"secret": 12345}""", "secret")]
    [InlineData("""{"title": ["CI"]}""", "title")]
    public async Task Wrong_json_type_in_a_patch_answers_400_naming_it(string body, string field)
    {
        var (_, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client), "id")}";
        await HttpAssert.Invalid(await client.PatchAsync(path, JsonAssert.Raw(body)), field);
    }

    [Theory]
    [InlineData("""{"name": "Acme", "plan": 1, "owner_email": "o@acme.io"}""", "plan")]
    [InlineData("""{"name": "Acme", "plan": "gold", "owner_email": "o@acme.io"}""", "plan")]
    [InlineData("""{"name": 42, "plan": "free", "owner_email": "o@acme.io"}""", "name")]
    public async Task Wrong_json_type_for_a_workspace_field_answers_400_naming_it(string body, string field)
    {
        using var admin = server.Client();
        await HttpAssert.Invalid(await admin.PostAsync("/v1/workspaces", JsonAssert.Raw(body)), field);
    }

    [Fact]
    public async Task Wrong_json_type_for_a_project_field_answers_400_naming_it()
    {
        var (_, client) = await server.CreateWorkspace();
        await HttpAssert.Invalid(await client.PostAsync("/v1/projects", JsonAssert.Raw("""{"code": 12, "title": "Demo"}""")), "code");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Body_that_is_not_an_object_answers_400(string body)
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Body_that_is_not_sent_as_json_answers_415()
    {
        var (_, client) = await server.CreateProject("DEMO");
        using var content = new StringContent("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"]}""",
            Encoding.UTF8, "text/plain");

        await HttpAssert.Problem(await client.PostAsync("/v1/projects/DEMO/webhooks", content), HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));
    }

    [Fact]
    public async Task Empty_body_answers_400()
    {
        var (_, client) = await server.CreateProject("DEMO");
        await HttpAssert.Problem(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw("")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Body_over_64_KiB_answers_413()
    {
        var (id, client) = await server.CreateProject("DEMO");
        var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client), "id")}";
        var huge = new string('t', 65 * 1024);
        using var admin = server.Client();

        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = huge, url = "https://ci.example.com/hook", events = new[] { "run.completed" } }), HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.Problem(await client.PatchAsJsonAsync(path, new { title = huge }), HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects", new { code = "BIG", title = huge }), HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/v1/workspaces", new { name = huge, plan = "free", owner_email = "o@acme.io" }),
            HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.Problem(await admin.PatchAsJsonAsync($"/v1/workspaces/{id}", new { name = huge }), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("CI", JsonAssert.String(await HttpAssert.Json(await client.GetAsync(path)), "title"));
    }

    [Fact]
    public async Task Body_over_64_KiB_without_a_content_length_answers_413()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var body = Encoding.UTF8.GetBytes($$"""{"title": "{{new string('t', 65 * 1024)}}", "url": "https://ci.example.com/hook", "events": ["run.completed"]}""");
        using var content = new StreamContent(new ChunkedStream(body));
        content.Headers.ContentType = new("application/json");

        await HttpAssert.Problem(await client.PostAsync("/v1/projects/DEMO/webhooks", content), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Body_just_under_64_KiB_is_read_and_checked()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
            new { title = new string('t', 60 * 1024), url = "https://ci.example.com/hook", events = new[] { "run.completed" } });
        await HttpAssert.Invalid(response, "title");
    }

    /// <summary>A stream of unknown length, so the client sends the body chunked.</summary>
    private sealed class ChunkedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

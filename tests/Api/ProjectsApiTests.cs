using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ProjectsApiTests(ApiServer server)
{
    [Fact]
    public async Task Creating_a_project_answers_201_with_the_code_upper_case()
    {
        var (_, client) = await server.CreateWorkspace();

        var response = await client.PostAsJsonAsync("/v1/projects", new { code = "qa2", title = "Quality" });
        var project = await HttpAssert.Json(response, HttpStatusCode.Created);

        JsonAssert.Fields(project, "code", "title", "created_at");
        Assert.Equal("QA2", JsonAssert.String(project, "code"));
        Assert.Equal("Quality", JsonAssert.String(project, "title"));
        JsonAssert.Timestamp(project, "created_at");
        Assert.EndsWith("/projects/QA2", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Projects_are_listed_read_in_any_case_and_deleted()
    {
        var (_, client) = await server.CreateWorkspace();
        var demo = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "DEMO", title = "Demo" }), HttpStatusCode.Created);
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "AB", title = "Other" }), HttpStatusCode.Created);

        var list = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects")));
        Assert.Equal(["AB", "DEMO"], list.Select(p => JsonAssert.String(p, "code")).Order(StringComparer.Ordinal));
        Assert.All(list, p => JsonAssert.Fields(p, "code", "title", "created_at"));

        var read = await HttpAssert.Json(await client.GetAsync("/v1/projects/demo"));
        Assert.Equal(demo.GetRawText(), read.GetRawText());

        var deleted = await client.DeleteAsync("/v1/projects/Demo");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await HttpAssert.Problem(await client.GetAsync("/v1/projects/DEMO"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(["AB"], JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects"))).Select(p => JsonAssert.String(p, "code")));
        await HttpAssert.Problem(await client.DeleteAsync("/v1/projects/DEMO"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("DEMO", "DEMO")]
    [InlineData("DEMO", "demo")]
    [InlineData("qa2", "Qa2")]
    public async Task Existing_code_in_any_case_answers_409(string first, string second)
    {
        var (_, client) = await server.CreateWorkspace();
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = first, title = "First" }), HttpStatusCode.Created);

        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects", new { code = second, title = "Second" }), HttpStatusCode.Conflict, "conflict");

        var only = Assert.Single(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects"))));
        Assert.Equal("First", JsonAssert.String(only, "title"));
    }

    [Fact]
    public async Task Two_workspaces_may_own_the_same_code()
    {
        var (_, first) = await server.CreateProject("DEMO");
        var (_, second) = await server.CreateWorkspace();
        await HttpAssert.Json(await second.PostAsJsonAsync("/v1/projects", new { code = "demo", title = "Mine too" }), HttpStatusCode.Created);

        Assert.Equal("Demo project", JsonAssert.String(await HttpAssert.Json(await first.GetAsync("/v1/projects/DEMO")), "title"));
        Assert.Equal("Mine too", JsonAssert.String(await HttpAssert.Json(await second.GetAsync("/v1/projects/DEMO")), "title"));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("1AB")]
    [InlineData("DE-MO")]
    [InlineData("DE MO")]
    [InlineData("DÉMO")]
    [InlineData("")]
    public async Task Bad_project_code_answers_400_naming_code(string code)
    {
        var (_, client) = await server.CreateWorkspace();
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects", new { code, title = "Demo" }), "code");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects"))));
    }

    [Fact]
    public async Task Missing_code_and_title_are_both_named()
    {
        var (_, client) = await server.CreateWorkspace();
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects", new { }), "code", "title");
        await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects", new { code = "DEMO", title = new string('t', 256) }), "title");
    }

    [Fact]
    public async Task Unknown_project_answers_404()
    {
        var (_, client) = await server.CreateProject("DEMO");

        await HttpAssert.Problem(await client.GetAsync("/v1/projects/NOPE"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.DeleteAsync("/v1/projects/NOPE"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.GetAsync("/v1/projects/NOPE/webhooks"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/v1/projects/NOPE/webhooks", ApiServer.ValidWebhook()), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.GetAsync("/v1/projects/not-a-code"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.Problem(await client.DeleteAsync("/v1/projects/not-a-code"), HttpStatusCode.NotFound, "not-found");
    }
}

using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class DeliveryControlsApiTests(ApiServer server)
{
    [Fact]
    public async Task A_new_webhook_has_no_rate_limit_and_is_unordered()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client);

        JsonAssert.Null(created, "rate_limit");
        Assert.False(created.GetProperty("ordered").GetBoolean());
    }

    [Fact]
    public async Task Rate_limit_and_ordered_are_set_on_create_and_shown_on_every_answer()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var created = await ApiServer.CreateWebhook(client, body: new
        {
            title = "CI", url = "https://ci.example.com/hook", events = new[] { "run.completed" }, rate_limit = 50, ordered = true,
        });
        var id = JsonAssert.String(created, "id");

        Assert.Equal(50, created.GetProperty("rate_limit").GetInt32());
        Assert.True(created.GetProperty("ordered").GetBoolean());
        var read = await HttpAssert.Json(await client.GetAsync($"/v1/projects/DEMO/webhooks/{id}"));
        Assert.Equal(50, read.GetProperty("rate_limit").GetInt32());
        Assert.True(read.GetProperty("ordered").GetBoolean());
        var listed = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))).Single();
        Assert.Equal(50, listed.GetProperty("rate_limit").GetInt32());
        Assert.True(listed.GetProperty("ordered").GetBoolean());
    }

    [Fact]
    public async Task Patch_changes_the_rate_limit_leaves_it_when_absent_and_null_removes_it()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var id = JsonAssert.String(await ApiServer.CreateWebhook(client), "id");
        var path = $"/v1/projects/DEMO/webhooks/{id}";

        var limited = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { rate_limit = 10_000, ordered = true }));
        Assert.Equal(10_000, limited.GetProperty("rate_limit").GetInt32());
        Assert.True(limited.GetProperty("ordered").GetBoolean());

        var renamed = await HttpAssert.Json(await client.PatchAsJsonAsync(path, new { title = "Renamed" }));
        Assert.Equal(10_000, renamed.GetProperty("rate_limit").GetInt32());
        Assert.True(renamed.GetProperty("ordered").GetBoolean());

        var unlimited = await HttpAssert.Json(await client.PatchAsync(path, JsonAssert.Raw("""{"rate_limit":null,"ordered":false}""")));
        JsonAssert.Null(unlimited, "rate_limit");
        Assert.False(unlimited.GetProperty("ordered").GetBoolean());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10001")]
    [InlineData("\"fast\"")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Rate_limit_outside_1_to_10000_is_refused_naming_rate_limit(string value)
    {
        var (_, client) = await server.CreateProject("DEMO");
        var body = $$"""{"title":"CI","url":"https://ci.example.com/hook","events":["run.completed"],"rate_limit":{{value}}}""";

        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw(body)), "rate_limit");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));

        var id = JsonAssert.String(await ApiServer.CreateWebhook(client), "id");
        await HttpAssert.Invalid(await client.PatchAsync($"/v1/projects/DEMO/webhooks/{id}", JsonAssert.Raw($$"""{"rate_limit":{{value}}}""")), "rate_limit");
        JsonAssert.Null(await HttpAssert.Json(await client.GetAsync($"/v1/projects/DEMO/webhooks/{id}")), "rate_limit");
    }

    [Fact]
    public async Task Ordered_that_is_not_a_boolean_is_refused_naming_ordered()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var body = """{"title":"CI","url":"https://ci.example.com/hook","events":["run.completed"],"ordered":"yes"}""";

        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/DEMO/webhooks", JsonAssert.Raw(body)), "ordered");
    }

    [Fact]
    public async Task A_bad_rate_limit_is_named_beside_other_bad_fields()
    {
        var (_, client) = await server.CreateProject("DEMO");
        var response = await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks", new { title = "", url = "https://ci.example.com/hook", events = new[] { "run.completed" }, rate_limit = 0 });

        var problem = await HttpAssert.Invalid(response, "title", "rate_limit");
        Assert.Contains("10000", problem.GetProperty("errors").GetProperty("rate_limit")[0].GetString());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiServer server)
{
    private static readonly Dictionary<string, string[]> ProjectRoutes = new()
    {
        [""] = ["get", "post"],
        ["/{code}"] = ["delete", "get"],
        ["/{code}/webhooks"] = ["get", "post"],
        ["/{code}/webhooks/{id}"] = ["delete", "get", "patch"],
        ["/{code}/webhooks/{id}/enable"] = ["post"],
        ["/{code}/webhooks/{id}/disable"] = ["post"],
        ["/{code}/webhooks/{id}/rotate-secret"] = ["post"],
        ["/{code}/webhooks/{id}/test"] = ["post"],
        ["/{code}/webhooks/{id}/deliveries"] = ["get"],
        ["/{code}/webhooks/{id}/deliveries/{delivery_id}"] = ["get"],
        ["/{code}/webhooks/{id}/deliveries/{delivery_id}/redeliver"] = ["post"],
        ["/{code}/webhooks/{id}/recover"] = ["post"],
        ["/{code}/webhooks/{id}/stats"] = ["get"],
        ["/{code}/events"] = ["post"],
        ["/{code}/events/batch"] = ["post"],
    };

    /// <summary>Every route of SPEC §4, and nothing else: operator pages (dashboard, health, metrics) are not the API.</summary>
    [Fact]
    public async Task OpenApi_document_lists_every_route_of_the_api_without_a_token()
    {
        using var anonymous = server.Client(token: null);

        var document = await HttpAssert.Json(await anonymous.GetAsync("/openapi/v1.json"));

        var expected = new Dictionary<string, string[]>
        {
            ["/v1/workspaces"] = ["post"],
            ["/v1/workspaces/{workspace_id}"] = ["get", "patch"],
            ["/v1/workspaces/{workspace_id}/tokens"] = ["get", "post"],
            ["/v1/workspaces/{workspace_id}/tokens/{token_id}"] = ["delete"],
            ["/v1/event-types"] = ["get"],
            ["/v1/event-types/{name}"] = ["get"],
        };
        foreach (var (path, methods) in ProjectRoutes)
        {
            expected["/v1/projects" + path] = methods;
            expected["/v1/workspaces/{workspace_id}/projects" + path] = methods;
        }
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateObject().Select(o => o.Name).Where(IsMethod).Order(StringComparer.Ordinal).ToArray());

        var extra = paths.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
        var missing = expected.Keys.Except(paths.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, $"Not routes of the API: {string.Join(", ", extra)}");
        Assert.True(missing.Count == 0, $"Missing: {string.Join(", ", missing)}");
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing");
            Assert.Equal(methods.Order(StringComparer.Ordinal), paths[path]);
        }
    }

    [Fact]
    public async Task Docs_page_answers_without_a_token()
    {
        using var anonymous = server.Client(token: null);
        anonymous.DefaultRequestHeaders.Accept.Clear();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await anonymous.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page at <c>/docs</c> opens with the document's description: it must tell a newcomer how to start.</summary>
    [Fact]
    public async Task Docs_page_opens_with_an_introduction_authentication_a_walk_through_and_the_event_catalog()
    {
        using var anonymous = server.Client(token: null);

        var document = await HttpAssert.Json(await anonymous.GetAsync("/openapi/v1.json"));
        var introduction = document.GetProperty("info").GetProperty("description").GetString() ?? "";

        Assert.Contains("webhook", introduction);
        Assert.Contains("Token: ", introduction);
        Assert.Contains("Authorization: Bearer ", introduction);
        // The walk-through: workspace, project, webhook, event, delivery log, in this order.
        var calls = new[]
        {
            "POST $API/v1/workspaces", "POST $API/v1/projects", "POST $API/v1/projects/DEMO/webhooks",
            "POST $API/v1/projects/DEMO/events", "curl -s \"$API/v1/projects/DEMO/webhooks/$WEBHOOK/deliveries\"",
        };
        var at = calls.Select(c => introduction.IndexOf(c, StringComparison.Ordinal)).ToArray();
        Assert.True(at.All(i => i >= 0), "missing calls: " + string.Join(", ", calls.Where((_, i) => at[i] < 0)));
        Assert.Equal(at.Order(), at);
        // The catalog, whole, and the route that lists it.
        Assert.Contains("/v1/event-types", introduction);
        Assert.All(Qase.Webhooks.Contracts.Catalog.EventCatalog.All, type => Assert.Contains($"`{type.Name}`", introduction));
    }

    /// <summary>Each event type's payload schema is a component, and a published payload is described as any of them.</summary>
    [Fact]
    public async Task OpenApi_document_names_every_event_types_payload_schema()
    {
        using var anonymous = server.Client(token: null);

        var document = await HttpAssert.Json(await anonymous.GetAsync("/openapi/v1.json"));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var type in Qase.Webhooks.Contracts.Catalog.EventCatalog.All)
        {
            Assert.True(schemas.TryGetProperty($"event.{type.Name}", out var schema), $"no component for {type.Name}");
            Assert.Equal(type.Title, schema.GetProperty("title").GetString());
            Assert.True(schema.GetProperty("properties").EnumerateObject().Any(), $"{type.Name}'s component has no properties");
        }
        var payload = schemas.GetProperty("PublishEventRequest").GetProperty("properties").GetProperty("payload");
        var references = payload.GetProperty("anyOf").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()).ToList();
        Assert.Equal(Qase.Webhooks.Contracts.Catalog.EventCatalog.All.Select(t => $"#/components/schemas/event.{t.Name}"), references);
        Assert.Contains("/v1/event-types/{name}", document.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_a_token(string path)
    {
        using var anonymous = server.Client(token: null);
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_without_a_token_asks_for_basic_credentials()
    {
        using var anonymous = server.Client(token: null);

        var response = await anonymous.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        foreach (var path in new[] { "/dashboard/", "/dashboard/ClusterStats", "/dashboard/GrainState" })
        {
            var inner = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, inner.StatusCode);
            Assert.Contains(inner.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }
    }

    [Fact]
    public async Task Dashboard_with_a_wrong_basic_password_answers_401()
    {
        using var client = server.Client(token: null);
        client.DefaultRequestHeaders.Authorization = Basic("admin", "wrong-password");

        var response = await client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Dashboard_opens_with_the_admin_token_as_basic_password()
    {
        using var client = server.Client(token: null);
        client.DefaultRequestHeaders.Authorization = Basic("admin", ApiServer.AdminToken);

        // /dashboard redirects to /dashboard/; a browser sends the same credentials again, HttpClient does not.
        var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_opens_with_the_admin_token_header()
    {
        using var admin = server.Client();
        admin.DefaultRequestHeaders.Accept.Clear();

        var response = await admin.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_refuses_a_workspace_token()
    {
        var (_, workspace) = await server.CreateWorkspace();
        var token = workspace.DefaultRequestHeaders.GetValues("Token").Single();
        using var basic = server.Client(token: null);
        basic.DefaultRequestHeaders.Authorization = Basic("user", token);

        Assert.Equal(HttpStatusCode.Forbidden, (await workspace.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await workspace.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await basic.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await workspace.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    private static bool IsMethod(string name) =>
        name is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}

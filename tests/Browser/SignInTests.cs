using System.Net;
using Microsoft.Playwright;
using Qase.Webhooks.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qase.Webhooks.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(DeliveryServer server, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Signing_in_with_a_workspace_token_shows_the_workspaces_projects()
    {
        var (_, client) = await server.Api.CreateProject("SIGN");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);

        await tab.SignIn(Token(client));

        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "SIGN" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToHaveAttributeAsync("href", "/docs");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeHiddenAsync();
        Assert.Equal(Token(client), await tab.Page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('qase-webhooks.session')).token"));
        await tab.Screenshot("sign-in-projects");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_wrong_token_is_told_beside_the_field()
    {
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.Goto();

        await tab.Page.GetByLabel("Token").FillAsync("not-a-token");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(tab.Page.Locator("[data-field=token] .field-error")).ToHaveTextAsync("This token is not valid.");
        await Expect(tab.Page.GetByLabel("Token")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(tab.Page.GetByLabel("Token")).ToBeFocusedAsync();
        await tab.Screenshot("sign-in-wrong-token");
    }

    [Fact]
    public async Task The_admin_token_chooses_a_workspace_first_and_links_the_dashboard()
    {
        var (workspaceId, _) = await server.Api.CreateProject("ADMQ");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);

        await tab.SignIn(ApiServer.AdminToken, "Choose a workspace");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveAttributeAsync("href", "/dashboard");
        await tab.Page.GetByLabel("Workspace id").FillAsync(workspaceId);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();

        await Expect(tab.Heading("Projects")).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "ADMQ" }).ClickAsync();
        await Expect(tab.Heading("Webhooks")).ToBeVisibleAsync();
        await tab.Screenshot("admin-workspace-projects");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task With_the_admin_token_a_newcomer_creates_a_workspace_and_a_project()
    {
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(ApiServer.AdminToken, "Choose a workspace");

        var create = tab.Page.GetByRole(AriaRole.Region, new() { Name = "Create a workspace" });
        await create.GetByLabel("Name").FillAsync("Acme");
        await create.GetByLabel("Plan").SelectOptionAsync("business");
        await create.GetByLabel("Owner email").FillAsync("not-an-address");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await Expect(create.Locator("[data-field=owner_email] .field-error")).ToBeVisibleAsync();
        await create.GetByLabel("Owner email").FillAsync("owner@acme.test");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        var token = await create.Locator("code.token").TextContentAsync();
        Assert.NotNull(token);
        Assert.StartsWith("qase_", token);
        await tab.Screenshot("admin-workspace-created");
        await create.GetByRole(AriaRole.Button, new() { Name = "Open Acme" }).ClickAsync();

        await Expect(tab.Heading("Projects")).ToBeVisibleAsync();
        await tab.Page.GetByLabel("Code").FillAsync("acme");
        await tab.Page.GetByLabel("Title").FillAsync("Acme web");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(tab.Heading("Webhooks")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("ACME · Acme web")).ToBeVisibleAsync();
        using var workspace = server.Api.Client(token);
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await workspace.GetAsync("/v1/projects"))));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_token_that_stops_working_returns_to_sign_in()
    {
        var (workspaceId, _) = await server.Api.CreateWorkspace();
        using var admin = server.Api.Client();
        var issued = await HttpAssert.Json(await admin.PostAsync($"/v1/workspaces/{workspaceId}/tokens", null), HttpStatusCode.Created);
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(issued.GetProperty("token").GetString()!);

        var revoked = await admin.DeleteAsync($"/v1/workspaces/{workspaceId}/tokens/{issued.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await tab.Page.ReloadAsync();

        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "no longer accepted" })).ToBeVisibleAsync();
        await tab.Screenshot("sign-in-after-401");
    }

    [Fact]
    public async Task A_service_answering_503_is_said_to_be_unavailable()
    {
        var (_, client) = await server.Api.CreateProject("DOWN");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(Token(client));

        await tab.Page.RouteAsync("**/v1/projects**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503,
            ContentType = "application/problem+json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "5" },
            Body = """{"type":"https://qase.io/problems/unavailable","title":"Service unavailable","status":503}""",
        }));
        await tab.Page.ReloadAsync();

        await Expect(tab.Page.Locator("#service-alert")).ToHaveTextAsync("The service is unavailable right now. Try again in 5 s.");
        await Expect(tab.Heading("Sign in")).ToBeHiddenAsync();
        await tab.Screenshot("service-unavailable");
    }

    internal static string Token(HttpClient client) => client.DefaultRequestHeaders.GetValues("Token").Single();
}

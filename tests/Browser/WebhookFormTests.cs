using Microsoft.Playwright;
using Qase.Webhooks.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qase.Webhooks.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WebhookFormTests(DeliveryServer server, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task A_webhook_created_with_events_from_two_groups_is_listed()
    {
        var (_, client) = await server.Api.CreateProject("FORM");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "FORM" }).ClickAsync();
        await Expect(tab.Page.GetByText("No webhooks yet")).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Create new webhook" }).ClickAsync();
        await Expect(tab.Heading("Create new webhook")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Title").FillAsync("Nightly CI");
        await tab.Page.GetByLabel("Endpoint").FillAsync(server.Receiver.Url(DeliveryServer.NewPath()));
        await tab.Page.GetByLabel("Secret (optional)").FillAsync("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        await tab.Page.GetByLabel("Complete test run").CheckAsync();
        await tab.Page.GetByLabel("Create test case").CheckAsync();
        var defects = tab.Page.GetByRole(AriaRole.Group, new() { Name = "Defects" });
        await defects.GetByLabel("Select all defects").CheckAsync();
        await Expect(defects.Locator("legend .count")).ToHaveTextAsync("4 of 4");
        await Expect(tab.Page.GetByRole(AriaRole.Group, new() { Name = "Test runs" }).Locator("legend .count")).ToHaveTextAsync("1 of 6");
        await Expect(tab.Page.GetByRole(AriaRole.Group, new() { Name = "Test runs" }).GetByLabel("Select all test runs")).ToHaveJSPropertyAsync("indeterminate", true);
        await Expect(tab.Page.Locator("#events-heading + .count")).ToHaveTextAsync("6 of 43 selected");
        await tab.Screenshot("webhook-form");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(tab.Heading("Nightly CI")).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        var row = tab.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nightly CI" });
        await Expect(row).ToContainTextAsync("6 events");
        await Expect(row).ToContainTextAsync("Enabled");
        await Expect(row.GetByRole(AriaRole.Switch)).ToHaveAttributeAsync("aria-checked", "true");
        var listed = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/FORM/webhooks"))).Single();
        // In the catalog's order, as the form lists them.
        Assert.Equal(["case.created", "run.completed", "defect.created", "defect.resolved", "defect.updated", "defect.deleted"],
            JsonAssert.Strings(listed, "events"));
        Assert.True(listed.GetProperty("has_secret").GetBoolean());
        await tab.Screenshot("webhooks-list");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_bad_url_shows_the_apis_error_beside_the_endpoint_field()
    {
        var (_, client) = await server.Api.CreateProject("BADURL");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto("#/projects/BADURL/webhooks/new");
        await Expect(tab.Heading("Create new webhook")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Title").FillAsync("Broken");
        await tab.Page.GetByLabel("Endpoint").FillAsync("ftp://user:pw@example.com/hook");
        await tab.Page.GetByLabel("Resolve defect").CheckAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        var endpoint = tab.Page.GetByLabel("Endpoint");
        await Expect(endpoint).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(endpoint).ToBeFocusedAsync();
        var error = tab.Page.Locator("[data-field=url] .field-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("http");
        await Expect(tab.Page.Locator("[data-field=title] .field-error")).ToBeHiddenAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "url" })).ToBeVisibleAsync();
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/BADURL/webhooks"))));
        await tab.Screenshot("webhook-form-bad-url");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Editing_changes_the_events_and_removes_the_secret()
    {
        var (_, client) = await server.Api.CreateProject("EDIT");
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(DeliveryServer.NewPath()), ["case.created"], secret: "s3cret", code: "EDIT");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/EDIT/webhooks/{id}/edit");
        await Expect(tab.Heading("Edit Receiver")).ToBeVisibleAsync();

        await Expect(tab.Page.GetByText("A secret is set.")).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Remove secret" }).ClickAsync();
        await Expect(tab.Page.GetByText("The secret will be removed when you save.")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByLabel("New secret")).ToBeHiddenAsync();
        await tab.Page.GetByLabel("Title").FillAsync("Receiver v2");
        await tab.Page.GetByLabel("Select all results").CheckAsync();
        await tab.Screenshot("webhook-edit");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(tab.Heading("Receiver v2")).ToBeVisibleAsync();
        var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/EDIT/webhooks/{id}"));
        Assert.False(webhook.GetProperty("has_secret").GetBoolean());
        Assert.Equal(["case.created", "result.created", "result.updated", "result.deleted"], JsonAssert.Strings(webhook, "events"));
        tab.AssertNoScriptErrors();
    }
}

using Microsoft.Playwright;
using Qase.Webhooks.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qase.Webhooks.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DeliveryControlsFormTests(DeliveryServer server, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task The_form_sets_a_rate_limit_and_the_ordered_switch_and_the_webhook_page_shows_both()
    {
        var (_, client) = await server.Api.CreateProject("PACE");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto("#/projects/PACE/webhooks/new");
        await Expect(tab.Heading("Create new webhook")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Title").FillAsync("Paced");
        await tab.Page.GetByLabel("Endpoint").FillAsync(server.Receiver.Url(DeliveryServer.NewPath()));
        await tab.Page.GetByLabel("Complete test run").CheckAsync();
        await tab.Page.GetByLabel("Rate limit (optional)").FillAsync("50");
        await tab.Page.GetByRole(AriaRole.Switch, new() { Name = "Ordered" }).CheckAsync();
        await tab.Screenshot("webhook-form-delivery-controls");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(tab.Heading("Paced")).ToBeVisibleAsync();
        var settings = tab.Page.Locator(".facts").First;
        await Expect(settings).ToContainTextAsync("50 per second");
        await Expect(settings).ToContainTextAsync("Ordered: one at a time");
        var created = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/PACE/webhooks"))).Single();
        Assert.Equal(50, created.GetProperty("rate_limit").GetInt32());
        Assert.True(created.GetProperty("ordered").GetBoolean());
        await tab.Screenshot("webhook-page-delivery-controls");

        // Editing shows what is set; emptying the limit and turning the switch off remove both.
        var id = JsonAssert.String(created, "id");
        await tab.Goto($"#/projects/PACE/webhooks/{id}/edit");
        await Expect(tab.Heading("Edit Paced")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByLabel("Rate limit (optional)")).ToHaveValueAsync("50");
        await Expect(tab.Page.GetByRole(AriaRole.Switch, new() { Name = "Ordered" })).ToBeCheckedAsync();
        await tab.Page.GetByLabel("Rate limit (optional)").FillAsync("");
        await tab.Page.GetByRole(AriaRole.Switch, new() { Name = "Ordered" }).UncheckAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(tab.Heading("Paced")).ToBeVisibleAsync();
        await Expect(settings).ToContainTextAsync("Unordered");
        var changed = await HttpAssert.Json(await client.GetAsync($"/v1/projects/PACE/webhooks/{id}"));
        JsonAssert.Null(changed, "rate_limit");
        Assert.False(changed.GetProperty("ordered").GetBoolean());
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_rate_limit_out_of_range_shows_the_apis_error_beside_its_field()
    {
        var (_, client) = await server.Api.CreateProject("PACEBAD");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto("#/projects/PACEBAD/webhooks/new");
        await Expect(tab.Heading("Create new webhook")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Title").FillAsync("Too fast");
        await tab.Page.GetByLabel("Endpoint").FillAsync(server.Receiver.Url(DeliveryServer.NewPath()));
        await tab.Page.GetByLabel("Complete test run").CheckAsync();
        await tab.Page.GetByLabel("Rate limit (optional)").FillAsync("20000");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        var error = tab.Page.Locator("[data-field=rate_limit] .field-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("10000");
        await Expect(tab.Page.GetByLabel("Rate limit (optional)")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/PACEBAD/webhooks"))));
        tab.AssertNoScriptErrors();
    }
}

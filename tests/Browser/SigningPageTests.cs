using Microsoft.Playwright;
using Qase.Webhooks.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qase.Webhooks.Tests.Browser;

/// <summary>The web page's signature scheme choice, the public key, and "Rotate secret" with its overlap.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SigningPageTests(DeliveryServer server, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task An_ed25519_webhook_made_with_the_form_shows_its_public_key_and_editing_switches_it_back_to_hmac()
    {
        var (_, client) = await server.Api.CreateProject("KEYS");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto("#/projects/KEYS/webhooks/new");
        await Expect(tab.Heading("Create new webhook")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Title").FillAsync("Signed");
        await tab.Page.GetByLabel("Endpoint").FillAsync(server.Receiver.Url(DeliveryServer.NewPath()));
        await tab.Page.GetByLabel("Signature scheme").SelectOptionAsync("ed25519");
        await tab.Page.GetByLabel("Create test case").CheckAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(tab.Heading("Signed")).ToBeVisibleAsync();
        var listed = JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/KEYS/webhooks"))).Single();
        var publicKey = JsonAssert.String(listed, "public_key");
        Assert.Equal("ed25519", JsonAssert.String(listed, "signature_scheme"));
        var settings = tab.Page.GetByRole(AriaRole.Region, new() { Name = "Settings" });
        await Expect(settings).ToContainTextAsync("Ed25519 (v1a)");
        await Expect(settings.GetByLabel("Public key")).ToHaveValueAsync(publicKey);
        await Expect(settings.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        await tab.Screenshot("webhook-public-key");

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(tab.Page.GetByLabel("Signature scheme")).ToHaveValueAsync("ed25519");
        await tab.Page.GetByLabel("Signature scheme").SelectOptionAsync("hmac");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(settings).ToContainTextAsync("HMAC-SHA256 (v1)");
        await Expect(settings.GetByLabel("Public key")).ToHaveCountAsync(0);
        JsonAssert.Null(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/KEYS/webhooks"))).Single(), "public_key");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Rotating_the_secret_shows_the_new_secret_once_and_until_when_the_old_one_signs()
    {
        var (_, client) = await server.Api.CreateProject("ROTATE");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", code: "ROTATE");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/ROTATE/webhooks/{id}");
        await Expect(tab.Heading("Receiver")).ToBeVisibleAsync();
        tab.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await tab.Page.GetByLabel("Old secret keeps signing for").SelectOptionAsync("PT1H");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();

        var shown = tab.Page.GetByLabel("New secret");
        await Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_[A-Za-z0-9+/]{32}$"));
        var secret = await shown.InputValueAsync();
        var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/ROTATE/webhooks/{id}"));
        var endsAt = JsonAssert.Instant(webhook, "secret_rotation_ends_at");
        Assert.InRange(endsAt, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        var settings = tab.Page.GetByRole(AriaRole.Region, new() { Name = "Settings" });
        await Expect(settings).ToContainTextAsync("the previous secret also signs until");
        await Expect(settings.Locator(".rotation-note time")).ToHaveAttributeAsync("datetime", webhook.GetProperty("secret_rotation_ends_at").GetString()!);
        await tab.Screenshot("webhook-rotated-secret");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Expect(tab.Page.Locator(".test-result")).ToContainTextAsync("Succeeded");
        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Equal(secret, received.Header("X-Qase-Secret"));
        Assert.Equal(2, received.Header("webhook-signature").Split(' ').Length);

        // Shown once: a fresh load of the page has no secret on it.
        await tab.Page.ReloadAsync();
        await Expect(tab.Heading("Receiver")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByLabel("New secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret["whsec_".Length..], await tab.Page.ContentAsync());
        tab.AssertNoScriptErrors();
    }
}

using System.Net.Http.Json;
using Microsoft.Playwright;
using Qase.Webhooks.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qase.Webhooks.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WebhookPageTests(DeliveryServer server, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task A_test_delivery_shows_its_result_and_appears_in_the_log_with_its_attempt()
    {
        var (_, client) = await server.Api.CreateProject("TEST");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(Body: "thanks from the receiver")), ["case.created", "run.completed"], code: "TEST");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/TEST/webhooks/{id}");
        await Expect(tab.Heading("Receiver")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("No deliveries yet.")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Event type").SelectOptionAsync("run.completed");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();

        var result = tab.Page.Locator(".test-result");
        await Expect(result).ToContainTextAsync("Succeeded");
        await Expect(result).ToContainTextAsync("HTTP 200");
        await Expect(result).ToContainTextAsync("thanks from the receiver");
        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));
        Assert.Equal("run.completed", received.Header("X-Qase-Event"));

        var row = tab.Page.Locator("tr.delivery").First;
        await Expect(row).ToContainTextAsync("run.completed");
        await Expect(row).ToContainTextAsync("Succeeded");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        var details = tab.Page.Locator(".delivery-details");
        await Expect(details.GetByRole(AriaRole.Heading, new() { Name = "Attempts (1)" })).ToBeVisibleAsync();
        await Expect(details.Locator("table.attempts tbody tr")).ToHaveCountAsync(1);
        await Expect(details.Locator("table.attempts")).ToContainTextAsync("200");
        await Expect(details.Locator("table.attempts")).ToContainTextAsync("thanks from the receiver");
        await Expect(details.Locator("table.headers")).ToContainTextAsync(received.Header("webhook-id"));
        await Expect(details.Locator("pre.body").Last).ToContainTextAsync("\"event_name\": \"run.completed\"");
        await tab.Screenshot("webhook-test-and-log");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_chart_of_the_last_24_hours_shows_the_attempts_of_this_hour()
    {
        var (_, client) = await server.Api.CreateProject("CHART");
        var path = DeliveryServer.NewPath();
        // The first delivery fails once and succeeds on its retry; the others succeed.
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500, Body: "upstream error"), Reply.Ok), ["run.completed", "defect.created"], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", code: "CHART");
        await Rename(client, "CHART", id, "Nightly CI");
        for (var i = 0; i < 3; i++)
        {
            await DeliveryServer.Publish(client, "run.completed", new { id = i, cases = 14, passed = 14 }, code: "CHART");
        }
        await server.Receiver.WaitFor(path, 4);
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/CHART/webhooks/{id}");
        await Expect(tab.Heading("Nightly CI")).ToBeVisibleAsync();

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Expect(tab.Page.Locator(".test-result")).ToContainTextAsync("Succeeded");

        var bars = tab.Page.Locator("svg.chart g.bar");
        await Expect(bars).ToHaveCountAsync(24);
        var thisHour = bars.Last;
        await Expect(thisHour).ToHaveAttributeAsync("data-succeeded", "4");
        await Expect(thisHour).ToHaveAttributeAsync("data-failed", "1");
        await Expect(thisHour.Locator("rect.succeeded")).ToHaveCountAsync(1);
        await Expect(thisHour.Locator("rect.failed")).ToHaveCountAsync(1);
        await Expect(thisHour.Locator("title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(": 4 succeeded, 1 failed$"));
        await Expect(bars.First.Locator("rect.succeeded, rect.failed")).ToHaveCountAsync(0);
        await Expect(tab.Page.Locator("svg.chart path.line.p50")).ToHaveCountAsync(1);
        await Expect(tab.Page.Locator("svg.chart path.line.p95")).ToHaveCountAsync(1);
        await Expect(tab.Page.GetByRole(AriaRole.Img, new() { Name = "Attempts per hour over the last 24 hours: 5 attempts, 1 failed." })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("tr.delivery")).ToHaveCountAsync(4);
        await tab.Screenshot("webhook-page");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_list_shows_a_failure_streak_and_an_automatic_disabling_with_its_reason()
    {
        var (_, client) = await server.Api.CreateProject("HEALTH");
        var failing = DeliveryServer.NewPath();
        var gone = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(failing, new Reply(500)), ["case.created"], code: "HEALTH");
        var goneId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(gone, new Reply(410)), ["case.created"], code: "HEALTH");
        await Rename(client, "HEALTH", goneId, "Old endpoint");
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "HEALTH");
        await server.Receiver.WaitFor(failing, 1);
        await server.Receiver.WaitFor(gone, 1);
        await Eventually.Value(() => Webhook(client, "HEALTH", goneId), w => !w.GetProperty("enabled").GetBoolean(), TimeSpan.FromSeconds(10), "disabled as gone");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));

        await tab.Goto("#/projects/HEALTH");

        var streak = tab.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Receiver" });
        await Expect(streak).ToContainTextAsync("Enabled");
        await Expect(streak).ToContainTextAsync("Failing since");
        await Expect(streak).ToContainTextAsync("No success yet");
        var disabled = tab.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Old endpoint" });
        await Expect(disabled).ToContainTextAsync("Disabled: endpoint answered 410 Gone");
        await Expect(disabled).ToContainTextAsync("since");
        await Expect(disabled.GetByRole(AriaRole.Switch)).ToHaveAttributeAsync("aria-checked", "false");
        await tab.Screenshot("webhooks-list-health");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_switch_disables_and_enables_the_webhook()
    {
        var (_, client) = await server.Api.CreateProject("SWITCH");
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(DeliveryServer.NewPath()), ["case.created"], code: "SWITCH");
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto("#/projects/SWITCH");
        var row = tab.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Receiver" });
        var toggle = row.GetByRole(AriaRole.Switch, new() { Name = "Enabled: Receiver" });

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(row).ToContainTextAsync("Disabled: disabled by hand");
        Assert.Equal("manual", JsonAssert.String(await Webhook(client, "SWITCH", id), "disabled_reason"));
        await tab.Screenshot("webhooks-list-disabled");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(row).ToContainTextAsync("Enabled");
        Assert.True((await Webhook(client, "SWITCH", id)).GetProperty("enabled").GetBoolean());

        // The webhook's own page has the same switch, reachable by keyboard.
        await tab.Goto($"#/projects/SWITCH/webhooks/{id}");
        var pageSwitch = tab.Page.Locator(".page-head").GetByRole(AriaRole.Switch);
        await pageSwitch.FocusAsync();
        await tab.Page.Keyboard.PressAsync("Space");
        await Expect(pageSwitch).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(tab.Page.Locator(".page-head")).ToContainTextAsync("Disabled: disabled by hand");
        Assert.False((await Webhook(client, "SWITCH", id)).GetProperty("enabled").GetBoolean());
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Redeliver_sends_a_delivery_again_under_the_same_id()
    {
        var (_, client) = await server.Api.CreateProject("REDO");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "REDO");
        await DeliveryServer.Publish(client, "case.created", new { id = 7 }, code: "REDO");
        var first = Assert.Single(await server.Receiver.WaitFor(path, 1));
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/REDO/webhooks/{id}");

        await tab.Page.Locator("tr.delivery").First.GetByRole(AriaRole.Button).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();

        await Expect(tab.Page.Locator("#toasts")).ToContainTextAsync("The delivery is sent again, under the same delivery id.");
        var again = (await server.Receiver.WaitFor(path, 2))[1];
        Assert.Equal(first.Header("webhook-id"), again.Header("webhook-id"));
        // The log follows the pending delivery by itself, its details staying open.
        await Expect(tab.Page.Locator("tr.delivery").First.Locator("td").Nth(4)).ToHaveTextAsync("2");
        await Expect(tab.Page.Locator(".delivery-details").GetByRole(AriaRole.Heading, new() { Name = "Attempts (2)" })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("tr.delivery")).ToHaveCountAsync(1);
        await tab.Screenshot("webhook-redelivered");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Recover_sends_again_the_deliveries_that_failed_since_a_time()
    {
        var (_, client) = await server.Api.CreateProject("RECOV");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(503)), ["case.created"], code: "RECOV");
        await DeliveryServer.Publish(client, "case.created", new { id = 9 }, code: "RECOV");
        var first = (await server.Receiver.WaitFor(path, 1))[0];
        // Disabling fails what is pending; the endpoint then recovers, and so does the webhook.
        await HttpAssert.Json(await client.PostAsync($"/v1/projects/RECOV/webhooks/{id}/disable", null));
        server.Receiver.Url(path, Reply.Ok);
        await HttpAssert.Json(await client.PostAsync($"/v1/projects/RECOV/webhooks/{id}/enable", null));
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));
        await tab.Goto($"#/projects/RECOV/webhooks/{id}");
        await tab.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("failed");
        await Expect(tab.Page.Locator("tr.delivery")).ToHaveCountAsync(1);
        var seen = server.Receiver.At(path).Count;

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Recover" }).ClickAsync();

        await Expect(tab.Page.GetByText("1 delivery is sent again.")).ToBeVisibleAsync();
        var again = (await server.Receiver.WaitFor(path, seen + 1))[seen];
        Assert.Equal(first.Header("webhook-id"), again.Header("webhook-id"));
        await tab.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("succeeded");
        await Expect(tab.Page.Locator("tr.delivery")).ToHaveCountAsync(1);
        await tab.Screenshot("webhook-recovered");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_title_with_markup_is_shown_as_text()
    {
        const string title = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\">";
        var (_, client) = await server.Api.CreateProject("XSS");
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(DeliveryServer.NewPath(), new Reply(500, Body: "<b>bold</b><img src=y onerror=\"window.__injected = 3\">")), ["case.created"], code: "XSS");
        await Rename(client, "XSS", id, title);
        await using var tab = await BrowserPage.Open(chromium, server.Api.BaseAddress);
        await tab.SignIn(SignInTests.Token(client));

        await tab.Goto("#/projects/XSS");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveTextAsync(title);
        await tab.Goto($"#/projects/XSS/webhooks/{id}");
        await Expect(tab.Heading(title)).ToHaveTextAsync(title);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Expect(tab.Page.Locator(".test-result pre")).ToHaveTextAsync("<b>bold</b><img src=y onerror=\"window.__injected = 3\">");

        Assert.Equal(0, await tab.Page.Locator("main img, main b, main script").CountAsync());
        Assert.True(await tab.Page.EvaluateAsync<bool>("window.__injected === undefined"));
        await tab.Screenshot("webhook-title-as-text");
        tab.AssertNoScriptErrors();
    }

    private static async Task Rename(HttpClient client, string code, string id, string title) =>
        await HttpAssert.Json(await client.PatchAsJsonAsync($"/v1/projects/{code}/webhooks/{id}", new { title }));

    private static async Task<System.Text.Json.JsonElement> Webhook(HttpClient client, string code, string id) =>
        await HttpAssert.Json(await client.GetAsync($"/v1/projects/{code}/webhooks/{id}"));
}

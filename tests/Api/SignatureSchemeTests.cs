using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>
/// <c>signature_scheme</c>: <c>hmac</c> (the default) or <c>ed25519</c>, whose deliveries carry Standard Webhooks
/// <c>v1a</c> signatures checked here by Node's own Ed25519 implementation against the public key the webhook shows.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class SignatureSchemeTests(DeliveryServer server)
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task A_webhook_signs_with_hmac_by_default_and_has_no_public_key()
    {
        var (_, client) = await server.Api.CreateProject("SCH");

        var webhook = await ApiServer.CreateWebhook(client, "SCH", ApiServer.ValidWebhook(secret: Secret));

        Assert.Equal("hmac", JsonAssert.String(webhook, "signature_scheme"));
        JsonAssert.Null(webhook, "public_key");
    }

    [Fact]
    public async Task An_ed25519_webhook_shows_its_public_key_and_never_a_private_key()
    {
        var (_, client) = await server.Api.CreateProject("SCH");

        var created = await ApiServer.CreateWebhook(client, "SCH", new
        {
            title = "CI", url = "https://ci.example.com/qase", events = new[] { "run.completed" }, signature_scheme = "ed25519",
        });

        Assert.Equal("ed25519", JsonAssert.String(created, "signature_scheme"));
        var publicKey = JsonAssert.String(created, "public_key");
        Assert.StartsWith("whpk_", publicKey);
        Assert.Equal(32, Convert.FromBase64String(publicKey["whpk_".Length..]).Length);
        var hook = $"/v1/projects/SCH/webhooks/{JsonAssert.String(created, "id")}";
        var read = await HttpAssert.Json(await client.GetAsync(hook));
        Assert.Equal(publicKey, JsonAssert.String(read, "public_key"));
        var list = await client.GetStringAsync("/v1/projects/SCH/webhooks");
        Assert.Contains(publicKey, list);
        Assert.All(new[] { created.GetRawText(), read.GetRawText(), list }, answer => Assert.DoesNotContain("whsk_", answer));
    }

    [Theory]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "signature_scheme": "rsa"}""")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "signature_scheme": "ED25519"}""")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "signature_scheme": ""}""")]
    [InlineData("""{"title": "CI", "url": "https://ci.example.com/hook", "events": ["run.completed"], "signature_scheme": 1}""")]
    public async Task An_unknown_scheme_answers_400_naming_signature_scheme(string body)
    {
        var (_, client) = await server.Api.CreateProject("SCH");
        var hook = $"/v1/projects/SCH/webhooks/{JsonAssert.String(await ApiServer.CreateWebhook(client, "SCH"), "id")}";
        var patch = body.Replace("\"title\": \"CI\", \"url\": \"https://ci.example.com/hook\", \"events\": [\"run.completed\"], ", "");

        await HttpAssert.Invalid(await client.PostAsync("/v1/projects/SCH/webhooks", JsonAssert.Raw(body)), "signature_scheme");
        await HttpAssert.Invalid(await client.PatchAsync(hook, JsonAssert.Raw(patch)), "signature_scheme");
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/SCH/webhooks"))));
    }

    [Fact]
    public async Task Patching_the_scheme_makes_or_drops_the_key_pair()
    {
        var (_, client) = await server.Api.CreateProject("SCH");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], Secret, code: "SCH");
        var hook = $"/v1/projects/SCH/webhooks/{id}";

        var ed25519 = await HttpAssert.Json(await client.PatchAsJsonAsync(hook, new { signature_scheme = "ed25519" }));
        var first = JsonAssert.String(ed25519, "public_key");
        var again = await HttpAssert.Json(await client.PatchAsJsonAsync(hook, new { signature_scheme = "ed25519", title = "Same scheme" }));
        Assert.Equal(first, JsonAssert.String(again, "public_key"));
        var signed = await Test(client, hook, path);
        Assert.Equal(new[] { true }, await Ed25519Verifier.Verify(first, signed));
        Assert.True(StandardWebhooksVerifier.Verify(Secret, signed.Header("webhook-id"), signed.Header("webhook-timestamp"), signed.Body,
            signed.Header("webhook-signature")), "the v1 HMAC still goes with the secret");

        var hmac = await HttpAssert.Json(await client.PatchAsJsonAsync(hook, new { signature_scheme = "hmac" }));
        Assert.Equal("hmac", JsonAssert.String(hmac, "signature_scheme"));
        JsonAssert.Null(hmac, "public_key");
        var unsignedByKey = await Test(client, hook, path);
        Assert.DoesNotContain("v1a,", unsignedByKey.Header("webhook-signature"));

        var back = await HttpAssert.Json(await client.PatchAsJsonAsync(hook, new { signature_scheme = "ed25519" }));
        Assert.NotEqual(first, JsonAssert.String(back, "public_key"));
    }

    [Fact]
    public async Task Deliveries_of_an_ed25519_webhook_verify_with_an_independent_Ed25519_implementation()
    {
        var (_, client) = await server.Api.CreateProject("EDV");
        var path = DeliveryServer.NewPath();
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/EDV/webhooks", new
        {
            title = "Receiver", url = server.Receiver.Url(path), events = new[] { "case.created" }, signature_scheme = "ed25519",
        }), HttpStatusCode.Created);
        var publicKey = JsonAssert.String(created, "public_key");

        await DeliveryServer.Publish(client, "case.created", new { id = 1, title = "Überprüfung ✓" }, code: "EDV");
        var request = Assert.Single(await server.Receiver.WaitFor(path, 1));

        Assert.Equal("", request.Header("X-Qase-Secret"));
        var signature = Assert.Single(request.Header("webhook-signature").Split(' '));
        Assert.StartsWith("v1a,", signature);
        Assert.Equal(new[] { true }, await Ed25519Verifier.Verify(publicKey, request));
        Assert.Equal(new[] { false }, await Ed25519Verifier.Verify(publicKey, request, request.Text + " "));
        var other = await ApiServer.CreateWebhook(client, "EDV", new
        {
            title = "Other", url = "https://ci.example.com/qase", events = new[] { "run.completed" }, signature_scheme = "ed25519",
        });
        Assert.Equal(new[] { false }, await Ed25519Verifier.Verify(JsonAssert.String(other, "public_key"), request));

        var detail = await client.GetStringAsync($"/v1/projects/EDV/webhooks/{JsonAssert.String(created, "id")}/deliveries/{request.Header("webhook-id")}");
        Assert.DoesNotContain(signature[4..], detail);
    }

    [Fact]
    public async Task Rotating_an_ed25519_webhook_makes_a_new_key_pair_and_the_old_key_signs_during_the_overlap()
    {
        var (_, client) = await server.Api.CreateProject("EDR");
        var path = DeliveryServer.NewPath();
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/EDR/webhooks", new
        {
            title = "Receiver", url = server.Receiver.Url(path), events = new[] { "case.created" }, secret = Secret, signature_scheme = "ed25519",
        }), HttpStatusCode.Created);
        var hook = $"/v1/projects/EDR/webhooks/{JsonAssert.String(created, "id")}";
        var oldKey = JsonAssert.String(created, "public_key");

        var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "PT1H" }));
        var newKey = JsonAssert.String(rotated.GetProperty("webhook"), "public_key");
        var newSecret = JsonAssert.String(rotated, "secret");
        Assert.NotEqual(oldKey, newKey);
        Assert.DoesNotContain("whsk_", rotated.GetRawText());

        var request = await Test(client, hook, path);
        var parts = request.Header("webhook-signature").Split(' ');
        Assert.Equal(["v1", "v1", "v1a", "v1a"], parts.Select(p => p[..p.IndexOf(',')]));
        Assert.Equal(new[] { true, false }, await Ed25519Verifier.Verify(newKey, request));
        Assert.Equal(new[] { false, true }, await Ed25519Verifier.Verify(oldKey, request));
        Assert.True(StandardWebhooksVerifier.Verify(newSecret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Body, parts[0]));
        Assert.True(StandardWebhooksVerifier.Verify(Secret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Body, parts[1]));
    }

    // A test delivery, as the receiver got it.
    private async Task<ReceivedRequest> Test(HttpClient client, string hook, string path)
    {
        var detail = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/test", new { event_name = "case.created" }));
        var id = JsonAssert.String(detail, "id");
        await Eventually.True(() => server.Receiver.At(path).Any(r => r.Header("webhook-id") == id), TimeSpan.FromSeconds(10));
        return server.Receiver.At(path).Single(r => r.Header("webhook-id") == id);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>
/// <c>POST .../webhooks/{id}/rotate-secret</c>: a new secret at once, the old one still signing until the
/// overlap ends, checked on real deliveries received on loopback.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class SecretRotationTests(DeliveryServer server)
{
    private const string OldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string GivenSecret = "a given~rotation secret";

    [Fact]
    public async Task Rotating_generates_a_whsec_secret_shown_only_in_that_answer_and_both_secrets_sign_during_the_overlap()
    {
        var (client, path, hook) = await Webhook("ROT", OldSecret);

        var before = DateTimeOffset.UtcNow;
        var rotated = await HttpAssert.Json(await client.PostAsync($"{hook}/rotate-secret", null));

        JsonAssert.Fields(rotated, "secret", "webhook");
        var secret = JsonAssert.String(rotated, "secret");
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(24, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var webhook = rotated.GetProperty("webhook");
        Assert.True(webhook.GetProperty("has_secret").GetBoolean());
        var endsAt = JsonAssert.Instant(webhook, "secret_rotation_ends_at");
        Assert.InRange(endsAt, before.AddHours(24).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(24).AddSeconds(1));

        var request = await Test(client, hook, path);
        Assert.Equal(secret, request.Header("X-Qase-Secret"));
        var signatures = request.Header("webhook-signature").Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.True(Verifies(secret, request, signatures[0]), "the first signature is the new secret's");
        Assert.True(Verifies(OldSecret, request, signatures[1]), "the second signature is the old secret's");
        Assert.True(Verifies(secret, request) && Verifies(OldSecret, request));

        var answers = new List<string>
        {
            await client.GetStringAsync(hook),
            await client.GetStringAsync(hook[..hook.LastIndexOf('/')]),
            await client.GetStringAsync($"{hook}/deliveries"),
            await client.GetStringAsync($"{hook}/deliveries/{request.Header("webhook-id")}"),
        };
        Assert.All(answers, answer => Assert.DoesNotContain(secret["whsec_".Length..], answer));
        Assert.Equal(endsAt, JsonAssert.Instant(await HttpAssert.Json(await client.GetAsync(hook)), "secret_rotation_ends_at"));
    }

    [Fact]
    public async Task A_given_secret_is_not_answered_and_after_a_short_overlap_only_the_new_secret_signs()
    {
        var (client, path, hook) = await Webhook("ROT", OldSecret);

        var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { secret = GivenSecret, overlap = "PT2S" }));

        JsonAssert.Null(rotated, "secret");
        Assert.DoesNotContain(GivenSecret, rotated.GetRawText());
        var endsAt = JsonAssert.Instant(rotated.GetProperty("webhook"), "secret_rotation_ends_at");
        var during = await Test(client, hook, path);
        if (DateTimeOffset.UtcNow < endsAt)
        {
            Assert.Equal(2, during.Header("webhook-signature").Split(' ').Length);
            Assert.True(Verifies(GivenSecret, during) && Verifies(OldSecret, during));
        }

        // The old secret stops signing when the overlap ends, without anything written at that moment.
        await Eventually.True(() => DateTimeOffset.UtcNow > endsAt.AddMilliseconds(50), TimeSpan.FromSeconds(10));
        JsonAssert.Null(await HttpAssert.Json(await client.GetAsync(hook)), "secret_rotation_ends_at");
        var after = await Test(client, hook, path);
        Assert.Equal(GivenSecret, after.Header("X-Qase-Secret"));
        Assert.Single(after.Header("webhook-signature").Split(' '));
        Assert.True(Verifies(GivenSecret, after), "the new secret signs");
        Assert.False(Verifies(OldSecret, after), "the old secret no longer signs");
    }

    [Fact]
    public async Task Rotating_again_during_the_overlap_drops_the_oldest_secret()
    {
        var (client, path, hook) = await Webhook("ROT", OldSecret);

        await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { secret = GivenSecret }));
        var third = JsonAssert.String(await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "01:00:00" })), "secret");

        var request = await Test(client, hook, path);
        var signatures = request.Header("webhook-signature").Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.True(Verifies(third, request, signatures[0]));
        Assert.True(Verifies(GivenSecret, request, signatures[1]));
        Assert.False(Verifies(OldSecret, request), "the oldest secret was dropped");
    }

    [Fact]
    public async Task Rotating_a_webhook_without_a_secret_gives_it_one_with_no_overlap()
    {
        var (client, path, hook) = await Webhook("ROT", secret: null);

        var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "P1D" }));

        var secret = JsonAssert.String(rotated, "secret");
        Assert.True(rotated.GetProperty("webhook").GetProperty("has_secret").GetBoolean());
        JsonAssert.Null(rotated.GetProperty("webhook"), "secret_rotation_ends_at");
        var request = await Test(client, hook, path);
        Assert.Equal(secret, request.Header("X-Qase-Secret"));
        Assert.Single(request.Header("webhook-signature").Split(' '));
        Assert.True(Verifies(secret, request));
    }

    [Fact]
    public async Task Retries_sign_with_the_secrets_live_at_each_attempt()
    {
        var (_, client) = await server.Api.CreateProject("RTR");
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500)), ["case.created"], OldSecret, code: "RTR");
        var hook = $"/v1/projects/RTR/webhooks/{id}";
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "RTR");
        await server.Receiver.WaitFor(path, 1);

        var rotatedAt = DateTimeOffset.UtcNow;
        var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "00:00:04" }));
        var secret = JsonAssert.String(rotated, "secret");
        var endsAt = JsonAssert.Instant(rotated.GetProperty("webhook"), "secret_rotation_ends_at");
        await Eventually.True(() => server.Receiver.At(path).Any(r => r.At > endsAt.AddMilliseconds(400)), TimeSpan.FromSeconds(20),
            () => "no retry after the overlap");
        await HttpAssert.Json(await client.PostAsync($"{hook}/disable", null));

        var attempts = server.Receiver.At(path);
        var margin = TimeSpan.FromMilliseconds(300); // between signing an attempt and its arrival
        Assert.All(attempts.Where(r => r.At < rotatedAt), r => Assert.Equal(OldSecret, r.Header("X-Qase-Secret")));
        var during = attempts.Where(r => r.At > rotatedAt + TimeSpan.FromSeconds(0.5) && r.At < endsAt - margin).ToList();
        var after = attempts.Where(r => r.At > endsAt + margin).ToList();
        Assert.NotEmpty(during);
        Assert.NotEmpty(after);
        Assert.All(during, r =>
        {
            Assert.Equal(secret, r.Header("X-Qase-Secret"));
            Assert.Equal(2, r.Header("webhook-signature").Split(' ').Length);
            Assert.True(Verifies(secret, r) && Verifies(OldSecret, r));
        });
        Assert.All(after, r =>
        {
            Assert.Single(r.Header("webhook-signature").Split(' '));
            Assert.True(Verifies(secret, r) && !Verifies(OldSecret, r));
        });
    }

    [Theory]
    [InlineData("""{"overlap": "P8D"}""", "overlap")]
    [InlineData("""{"overlap": "169:00:00"}""", "overlap")]
    [InlineData("""{"overlap": "soon"}""", "overlap")]
    [InlineData("""{"overlap": "-00:10:00"}""", "overlap")]
    [InlineData("""{"overlap": 3600}""", "overlap")]
    [InlineData("""{"secret": ""}""", "secret")]
    [InlineData("""{"secret": "tab\there"}""", "secret")]
    [InlineData("""{"secret": 12}""", "secret")]
    public async Task Bad_rotation_input_answers_400_naming_the_field(string body, string field)
    {
        var (client, path, hook) = await Webhook("ROT", OldSecret);

        await HttpAssert.Invalid(await client.PostAsync($"{hook}/rotate-secret", JsonAssert.Raw(body)), field);

        var request = await Test(client, hook, path);
        Assert.Equal(OldSecret, request.Header("X-Qase-Secret"));
        Assert.Single(request.Header("webhook-signature").Split(' '));
    }

    [Theory]
    [InlineData("P7D")]
    [InlineData("168:00:00")]
    [InlineData("PT0S")]
    public async Task Overlaps_up_to_seven_days_are_taken(string overlap)
    {
        var (client, _, hook) = await Webhook("ROT", OldSecret);

        var before = DateTimeOffset.UtcNow;
        var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap }));

        var webhook = rotated.GetProperty("webhook");
        if (overlap == "PT0S")
        {
            JsonAssert.Null(webhook, "secret_rotation_ends_at");
        }
        else
        {
            Assert.InRange(JsonAssert.Instant(webhook, "secret_rotation_ends_at"), before.AddDays(7).AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(7).AddSeconds(1));
        }
    }

    [Fact]
    public async Task Rotating_an_unknown_webhook_answers_404()
    {
        var (client, _, hook) = await Webhook("ROT", OldSecret);

        await HttpAssert.Problem(await client.PostAsync($"{hook[..hook.LastIndexOf('/')]}/wh_unknown/rotate-secret", null), HttpStatusCode.NotFound);
    }

    private async Task<(HttpClient Client, string Path, string Hook)> Webhook(string code, string? secret)
    {
        var (_, client) = await server.Api.CreateProject(code);
        var path = DeliveryServer.NewPath();
        var id = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], secret, code: code);
        return (client, path, $"/v1/projects/{code}/webhooks/{id}");
    }

    // A test delivery, as the receiver got it.
    private async Task<ReceivedRequest> Test(HttpClient client, string hook, string path)
    {
        var detail = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/test", new { event_name = "case.created" }));
        var id = JsonAssert.String(detail, "id");
        await Eventually.True(() => server.Receiver.At(path).Any(r => r.Header("webhook-id") == id), TimeSpan.FromSeconds(10));
        return server.Receiver.At(path).Single(r => r.Header("webhook-id") == id);
    }

    private static bool Verifies(string secret, ReceivedRequest request, string? signature = null) =>
        StandardWebhooksVerifier.Verify(secret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Body,
            signature ?? request.Header("webhook-signature"));
}

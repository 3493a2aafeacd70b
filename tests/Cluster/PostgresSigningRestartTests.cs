using System.Net.Http.Json;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>In PostgreSQL mode a webhook's key pairs and a rotation's overlap survive a restart of the service.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSigningRestartTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private Receiver _receiver = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _database = await postgres.CreateDatabase();
    }

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    private ApiServer Server() => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = _database,
        ["Orleans:AdvertisedIP"] = "127.0.0.1",
    });

    [Fact]
    public async Task A_rotated_ed25519_webhook_signs_with_both_keys_and_both_secrets_after_a_restart()
    {
        var path = DeliveryServer.NewPath();
        string token, hook, oldKey, newKey, newSecret, endsAt;
        var first = Server();
        await first.InitializeAsync();
        try
        {
            (_, var client) = await first.CreateProject("KEY");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/KEY/webhooks", new
            {
                title = "Signed", url = _receiver.Url(path), events = new[] { "case.created" }, secret = Secret, signature_scheme = "ed25519",
            }), System.Net.HttpStatusCode.Created);
            hook = $"/v1/projects/KEY/webhooks/{JsonAssert.String(created, "id")}";
            oldKey = JsonAssert.String(created, "public_key");
            var rotated = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "PT1H" }));
            newSecret = JsonAssert.String(rotated, "secret");
            newKey = JsonAssert.String(rotated.GetProperty("webhook"), "public_key");
            endsAt = rotated.GetProperty("webhook").GetProperty("secret_rotation_ends_at").GetString()!;
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = Server();
        await second.InitializeAsync();
        try
        {
            using var client = second.Client(token);
            var webhook = await HttpAssert.Json(await client.GetAsync(hook));
            Assert.Equal("ed25519", JsonAssert.String(webhook, "signature_scheme"));
            Assert.Equal(newKey, JsonAssert.String(webhook, "public_key"));
            Assert.Equal(endsAt, webhook.GetProperty("secret_rotation_ends_at").GetString());

            var detail = await HttpAssert.Json(await client.PostAsJsonAsync($"{hook}/test", new { event_name = "case.created" }));
            var request = Assert.Single(await _receiver.WaitFor(path, 1));
            Assert.Equal(JsonAssert.String(detail, "id"), request.Header("webhook-id"));
            Assert.Equal(newSecret, request.Header("X-Qase-Secret"));
            var parts = request.Header("webhook-signature").Split(' ');
            Assert.Equal(4, parts.Length);
            Assert.True(StandardWebhooksVerifier.Verify(newSecret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Body, parts[0]));
            Assert.True(StandardWebhooksVerifier.Verify(Secret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Body, parts[1]));
            Assert.Equal(new[] { true, false }, await Ed25519Verifier.Verify(newKey, request));
            Assert.Equal(new[] { false, true }, await Ed25519Verifier.Verify(oldKey, request));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Hosting.Secrets;
using Qase.Webhooks.Hosting.Storage;
using Qase.Webhooks.Tests.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Secrets;

/// <summary>
/// In PostgreSQL mode webhook secrets are sealed (AES-256-GCM under <c>Secrets:Key</c>) in the grain state: a copy of
/// the database holds none of them, the key can be rotated without losing a webhook, and a row under a key the
/// service does not hold is an error, never an empty webhook.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretsAtRestTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private Receiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await Receiver.Start();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task No_table_holds_a_webhook_secret_in_clear()
    {
        var database = await postgres.CreateDatabase();
        // '+' and '/' in it, which a JSON echo may escape.
        var generated = "whsec_" + Convert.ToBase64String([0xfb, 0xff, 0xbf, .. RandomNumberGenerator.GetBytes(21)]);
        var plain = "plain-secret-" + Guid.NewGuid().ToString("N");
        var replacement = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var (path, echoPath) = (DeliveryServer.NewPath(), DeliveryServer.NewPath());
        string patched;
        await using (var api = await Start(database, TestSecrets.Key))
        {
            var (_, client) = await api.CreateProject("SEAL");
            // A receiver that echoes what it was sent, as debugging endpoints do: its answer is kept without the secret.
            var echoed = await DeliveryServer.CreateWebhook(client, _receiver.Url(echoPath, new Reply(Body: $"got X-Qase-Secret: {generated}, as JSON \"{JsonEncodedText.Encode(generated)}\"")),
                ["run.completed"], generated, "SEAL");
            patched = await DeliveryServer.CreateWebhook(client, _receiver.Url(path), ["run.completed"], plain, "SEAL");
            await HttpAssert.Json(await client.PatchAsJsonAsync($"/v1/projects/SEAL/webhooks/{patched}", new { secret = replacement }));
            await DeliveryServer.Publish(client, "run.completed", new { id = 7 }, code: "SEAL");
            var received = (await _receiver.WaitFor(path, 1, Within)).Concat(await _receiver.WaitFor(echoPath, 1, Within)).ToList();
            Assert.Contains(received, r => StandardWebhooksVerifier.Verify(generated, r.Header("webhook-id"), r.Header("webhook-timestamp"), r.Body, r.Header("webhook-signature")));
            Assert.Contains(received, r => StandardWebhooksVerifier.Verify(replacement, r.Header("webhook-id"), r.Header("webhook-timestamp"), r.Body, r.Header("webhook-signature")));
            await Eventually.Value(() => DeliveryServer.Deliveries(client, patched, code: "SEAL"),
                page => page.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "succeeded"), Within, "the attempt recorded");
            var delivery = (await Eventually.Value(() => DeliveryServer.Deliveries(client, echoed, code: "SEAL"),
                page => page.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "succeeded"), Within, "the echo recorded"))
                .GetProperty("items")[0].GetProperty("id").GetString();
            var detail = await HttpAssert.Json(await client.GetAsync($"/v1/projects/SEAL/webhooks/{echoed}/deliveries/{delivery}"));
            Assert.Equal("got X-Qase-Secret: [redacted], as JSON \"[redacted]\"", detail.GetProperty("attempts")[0].GetProperty("response_body").GetString());
        }

        var values = await DatabaseScan.All(database);
        // The scan sees what is stored in clear: the receiver's URL in the attempts, the webhook grains' rows.
        Assert.NotEmpty(DatabaseScan.Find(values, Encoding.UTF8.GetBytes(path)));
        Assert.Equal(2, (await DatabaseScan.GrainStates(database, "webhook")).Count);
        // States without secrets are stored as before: the router's lists its webhooks in clear.
        Assert.Contains(await DatabaseScan.GrainStates(database, "router"), p => p.AsSpan().IndexOf(Encoding.UTF8.GetBytes(patched)) >= 0);
        foreach (var secret in new[] { generated, plain, replacement })
        {
            var needles = new List<byte[]>
            {
                Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret), Encoding.UTF8.GetBytes(JsonEncodedText.Encode(secret).ToString()),
            };
            if (secret.StartsWith("whsec_", StringComparison.Ordinal))
            {
                needles.Add(Convert.FromBase64String(secret["whsec_".Length..]));
                needles.Add(Encoding.UTF8.GetBytes(secret["whsec_".Length..]));
            }
            foreach (var needle in needles)
            {
                Assert.Empty(DatabaseScan.Find(values, needle));
            }
        }
    }

    [Fact]
    public async Task No_table_holds_a_private_key_or_the_secret_before_a_rotation_in_clear()
    {
        var database = await postgres.CreateDatabase();
        var (before, after) = ("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        await using (var api = await Start(database, TestSecrets.Key))
        {
            var (_, client) = await api.CreateProject("KEYS");
            var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/KEYS/webhooks", new
            {
                title = "Signed", url = _receiver.Url(DeliveryServer.NewPath()), secret = before, signature_scheme = "ed25519", events = new[] { "run.completed" },
            }), HttpStatusCode.Created);
            var id = created.GetProperty("id").GetString();
            await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/KEYS/webhooks/{id}/rotate-secret", new { secret = after }));
        }

        // What the sealed row holds, opened with the key: both private keys, as the state serializer wrote them.
        var (grainKey, payload) = await WebhookRow(database);
        var sealer = new StateSealer(new SealingKeys(new SealingKey(Convert.FromBase64String(TestSecrets.Key)), []));
        var state = StateSerializers.Stored.Deserialize<WebhookState>(new BinaryData(sealer.Open(payload, $"webhook/webhook/{grainKey}")))!;
        var privateKeys = new[] { state.SigningKey!, state.PreviousSigningKey! };
        Assert.All(privateKeys, key => Assert.Equal(32, key.Length));
        Assert.Equal(before, state.PreviousSecret);

        var values = await DatabaseScan.All(database);
        foreach (var needle in privateKeys.SelectMany(key => new[] { key, Encoding.UTF8.GetBytes(Convert.ToBase64String(key)), Encoding.UTF8.GetBytes("whsk_" + Convert.ToBase64String(key)) })
            .Concat([Encoding.UTF8.GetBytes(before), Encoding.UTF8.GetBytes(after), Encoding.UTF8.GetBytes(before["whsec_".Length..]), Convert.FromBase64String(before["whsec_".Length..])]))
        {
            Assert.Empty(DatabaseScan.Find(values, needle));
        }
    }

    [Fact]
    public async Task Rotating_the_key_keeps_every_webhook_delivering_and_reseals_each_when_it_is_read()
    {
        var database = await postgres.CreateDatabase();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var path = DeliveryServer.NewPath();
        string token, webhookId;
        await using (var first = await Start(database, TestSecrets.Key))
        {
            var (_, client) = await first.CreateProject("ROT");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(path), ["run.completed"], secret, "ROT");
        }
        Assert.Equal([TestSecrets.IdOf(TestSecrets.Key)], await KeyIds(database));

        // The new key, with the old one (and another) still accepted for reading, as a comma-separated list.
        var logs = new RecordingLoggerProvider();
        await using (var second = await Start(database, TestSecrets.NextKey, $"{TestSecrets.OtherKey},{TestSecrets.Key}", logs))
        {
            using var client = second.Client(token);
            await Eventually.True(() => logs.Lines.Any(line => line.StartsWith($"1 sealed grain states still use key id {TestSecrets.IdOf(TestSecrets.Key)}", StringComparison.Ordinal)),
                Within, () => string.Join("\n", logs.Lines));
            await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "ROT");
            var received = (await _receiver.WaitFor(path, 1, Within))[0];
            Assert.True(StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Body, received.Header("webhook-signature")));

            // Read under the old key, the state is sealed again under the new one at once, with no change to the webhook.
            await Eventually.Value(() => KeyIds(database), ids => ids.SequenceEqual([TestSecrets.IdOf(TestSecrets.NextKey)]), Within, "the row re-sealed");
            await HttpAssert.Json(await client.PatchAsJsonAsync($"/v1/projects/ROT/webhooks/{webhookId}", new { title = "Rotated" }));
            Assert.Equal([TestSecrets.IdOf(TestSecrets.NextKey)], await KeyIds(database));
        }

        // Every row re-written: the old key can go.
        await using (var third = await Start(database, TestSecrets.NextKey))
        {
            using var client = third.Client(token);
            var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/ROT/webhooks/{webhookId}"));
            Assert.Equal("Rotated", webhook.GetProperty("title").GetString());
            await DeliveryServer.Publish(client, "run.completed", new { id = 2 }, code: "ROT");
            var received = (await _receiver.WaitFor(path, 2, Within))[1];
            Assert.True(StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Body, received.Header("webhook-signature")));

            // Deleting clears the sealed state like any other.
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/projects/ROT/webhooks/{webhookId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/projects/ROT/webhooks/{webhookId}")).StatusCode);
            Assert.Empty(await DatabaseScan.GrainStates(database, "webhook"));
        }
    }

    [Fact]
    public async Task A_webhook_sealed_under_a_key_that_is_not_configured_fails_clearly_and_is_kept()
    {
        var database = await postgres.CreateDatabase();
        string token, webhookId;
        await using (var first = await Start(database, TestSecrets.Key))
        {
            var (_, client) = await first.CreateProject("LOST");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(DeliveryServer.NewPath()), ["run.completed"], "s3cret", "LOST");
        }
        var before = await DatabaseScan.GrainStates(database, "webhook");

        var logs = new RecordingLoggerProvider();
        await using (var second = await Start(database, TestSecrets.OtherKey, logs: logs))
        {
            using var client = second.Client(token);
            await HttpAssert.Problem(await client.GetAsync($"/v1/projects/LOST/webhooks/{webhookId}"), HttpStatusCode.ServiceUnavailable);
            await HttpAssert.Problem(await client.PatchAsJsonAsync($"/v1/projects/LOST/webhooks/{webhookId}", new { title = "Overwritten" }),
                HttpStatusCode.ServiceUnavailable);
            Assert.Contains(logs.Lines, line => line.Contains(webhookId, StringComparison.Ordinal)
                && line.Contains(TestSecrets.IdOf(TestSecrets.Key), StringComparison.Ordinal) && line.Contains("Secrets:PreviousKeys", StringComparison.Ordinal));
        }
        Assert.Equal(before, await DatabaseScan.GrainStates(database, "webhook"));

        await using (var third = await Start(database, TestSecrets.OtherKey, TestSecrets.Key))
        {
            using var client = third.Client(token);
            var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/LOST/webhooks/{webhookId}"));
            Assert.Equal("Receiver", webhook.GetProperty("title").GetString());
            Assert.True(webhook.GetProperty("has_secret").GetBoolean());
        }
    }

    [Fact]
    public async Task A_webhook_stored_in_clear_before_sealing_is_read_and_sealed_at_once()
    {
        var database = await postgres.CreateDatabase();
        var path = DeliveryServer.NewPath();
        string token, webhookId;
        await using (var first = await Start(database, TestSecrets.Key))
        {
            var (_, client) = await first.CreateProject("OLD");
            token = client.DefaultRequestHeaders.GetValues("Token").Single();
            webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(path), ["run.completed"], "s3cret", "OLD");
        }
        // The row as a service without sealing wrote it: the JSON of the state, the stored form of that time.
        var (grainKey, payload) = await WebhookRow(database);
        var sealer = new StateSealer(new SealingKeys(new SealingKey(Convert.FromBase64String(TestSecrets.Key)), []));
        var context = $"webhook/webhook/{grainKey}";
        var clear = StateSerializers.Json.Serialize(StateSerializers.Stored.Deserialize<WebhookState>(new BinaryData(sealer.Open(payload, context)))).ToArray();
        Assert.StartsWith("{", Encoding.UTF8.GetString(clear));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE OrleansStorage SET PayloadBinary = @clear WHERE GrainTypeString = 'webhook'", connection);
            update.Parameters.AddWithValue("clear", clear);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        Assert.Contains(await DatabaseScan.All(database), v => v.Bytes.AsSpan().IndexOf("s3cret"u8) >= 0);

        await using (var second = await Start(database, TestSecrets.Key))
        {
            using var client = second.Client(token);
            var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/OLD/webhooks/{webhookId}"));
            Assert.True(webhook.GetProperty("has_secret").GetBoolean());
            await Eventually.Value(() => KeyIds(database), ids => ids.SequenceEqual([TestSecrets.IdOf(TestSecrets.Key)]), Within, "the row sealed");
            await DeliveryServer.Publish(client, "run.completed", new { id = 3 }, code: "OLD");
            var received = (await _receiver.WaitFor(path, 1, Within))[0];
            Assert.True(StandardWebhooksVerifier.Verify("s3cret", received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Body, received.Header("webhook-signature")));
        }
        Assert.DoesNotContain(await DatabaseScan.All(database), v => v.Bytes.AsSpan().IndexOf("s3cret"u8) >= 0);
        // Sealed again in the form states are stored in now.
        var (_, resealed) = await WebhookRow(database);
        Assert.Equal(StoredStateSerializer.Mark, sealer.Open(resealed, context)[..StoredStateSerializer.Mark.Length]);
    }

    private async Task<ApiServer> Start(string database, string key, string? previousKeys = null, RecordingLoggerProvider? logs = null)
    {
        var server = new ApiServer(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Secrets:Key"] = key,
            ["Secrets:PreviousKeys"] = previousKeys,
            ["Logging:LogLevel:Qase.Webhooks.Hosting.Storage"] = "Information",
        }, logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs));
        await server.InitializeAsync();
        return server;
    }

    /// <summary>The one webhook row: its grain key (the string key the provider stores) and its payload.</summary>
    private static async Task<(string GrainKey, byte[] Payload)> WebhookRow(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT GrainIdExtensionString, PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'webhook'", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = (reader.GetString(0), (byte[])reader.GetValue(1));
        Assert.False(await reader.ReadAsync());
        return row;
    }

    /// <summary>The key ids the webhook rows are sealed under (the header after the format marker), distinct.</summary>
    private static async Task<string[]> KeyIds(string database) =>
        [.. (await DatabaseScan.GrainStates(database, "webhook")).Select(p => Convert.ToHexStringLower(p.AsSpan(3, 4))).Distinct()];
}

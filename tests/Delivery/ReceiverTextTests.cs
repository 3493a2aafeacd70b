using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// PostgreSQL refuses text holding a NUL byte, and .NET copies the raw bytes of a bad response header into its
/// exception message: whatever a receiver sends, the attempts, the test answer and the owner's mail are still recorded.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReceiverTextTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    // .NET puts a bad header name, NUL and all, into the message of the exception it throws.
    private static readonly RawAnswer NulInHeader = RawAnswer.Bytes("nul-header", RawAnswer.Ascii(
        "HTTP/1.1 500 Internal Server Error\r\nX-\0Trace: ab\r\nContent-Length: 5\r\nConnection: close\r\n\r\nb\0d\x07!"));
    private static readonly RawAnswer NulInBody = RawAnswer.Bytes("nul-body", RawAnswer.Ascii(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\nb\0d\x07!"));

    private ApiServer _api = null!;
    private RawReceiver _receiver = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _receiver = RawReceiver.Start();
        _receiver.Otherwise = NulInHeader;
        _database = await postgres.CreateDatabase();
        _api = new ApiServer(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Delivery:RetrySchedule:0"] = "00:00:00.300",
            ["Delivery:SweepInterval"] = "00:00:01",
            ["Health:FailureWindow"] = "00:00:02",
            ["Health:CheckPeriod"] = "00:00:01",
        });
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_NUL_byte_in_a_header_is_recorded_as_a_readable_failure_and_the_disabling_mail_is_queued()
    {
        var (_, client) = await _api.CreateProject("NUL");
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url, ["run.completed"], code: "NUL");

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "NUL");

        var page = await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, code: "NUL"),
            p => p.GetProperty("items").GetArrayLength() == 1 && p.GetProperty("items")[0].GetProperty("attempt_count").GetInt32() >= 2,
            Within, "two attempts recorded");
        var deliveryId = page.GetProperty("items")[0].GetProperty("id").GetString();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/v1/projects/NUL/webhooks/{webhookId}/deliveries/{deliveryId}");
        foreach (var attempt in detail.GetProperty("attempts").EnumerateArray())
        {
            var error = attempt.GetProperty("error").GetString();
            Assert.False(string.IsNullOrWhiteSpace(error));
            ReadableText.Assert(error, "error");
            ReadableText.Assert(attempt.GetProperty("response_body").GetString(), "response body");
        }

        // The streak outlasts the 2-second window: disabled, and the mail carrying that last error is queued.
        var disabled = await Eventually.Value(() => client.GetFromJsonAsync<JsonElement>($"/v1/projects/NUL/webhooks/{webhookId}"),
            w => !w.GetProperty("enabled").GetBoolean(), Within, "disabled as failing");
        Assert.Equal("failing", disabled.GetProperty("disabled_reason").GetString());
        ReadableText.Assert(disabled.GetProperty("last_error").GetString(), "last_error");
        var mail = await Eventually.Value(QueuedMail, text => text is not null, Within, "the disabling mail queued");
        Assert.Contains(webhookId, mail);
    }

    [Fact]
    public async Task A_test_delivery_to_a_receiver_sending_NUL_bytes_in_a_header_or_the_body_answers_its_failed_attempt()
    {
        var (_, client) = await _api.CreateProject("NULT");
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url, ["run.completed"], code: "NULT");

        foreach (var answer in new[] { NulInHeader, NulInBody })
        {
            _receiver.Answer(answer);
            var test = await HttpAssert.Json(await client.PostAsync($"/v1/projects/NULT/webhooks/{webhookId}/test", null));

            Assert.Equal("failed", test.GetProperty("status").GetString());
            var attempt = Assert.Single(test.GetProperty("attempts").EnumerateArray());
            ReadableText.Assert(attempt.GetProperty("error").GetString(), "error");
            ReadableText.Assert(attempt.GetProperty("response_body").GetString(), "response body");
            var logged = await client.GetFromJsonAsync<JsonElement>(
                $"/v1/projects/NULT/webhooks/{webhookId}/deliveries/{test.GetProperty("id").GetString()}");
            Assert.Equal(attempt.GetProperty("error").GetString(), logged.GetProperty("attempts")[0].GetProperty("error").GetString());
        }
    }

    private async Task<string?> QueuedMail()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT text_body FROM qase_mail_outbox LIMIT 1", connection);
        return await command.ExecuteScalarAsync() as string;
    }
}

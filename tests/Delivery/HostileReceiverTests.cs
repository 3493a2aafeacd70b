using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// A receiver that sends back anything at all, on a raw socket, in PostgreSQL mode: each answer becomes a
/// recorded attempt with readable text, and the webhook goes on delivering afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileReceiverTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private ApiServer _api = null!;
    private RawReceiver _receiver = null!;

    public static TheoryData<string> Answers => [.. Scenarios.Keys];

    private static Dictionary<string, (RawAnswer Answer, bool Succeeds)> Scenarios { get; } = new()
    {
        // .NET copies a bad header name or line, NUL and all, into its exception message.
        ["nul-in-header-name"] = (Raw("HTTP/1.1 200 OK\r\nX-\0Trace: ab\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), false),
        ["nul-in-header-line"] = (Raw("HTTP/1.1 200 OK\r\nGarbage\0Line\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), false),
        ["nul-in-header-value"] = (Raw("HTTP/1.1 200 OK\r\nX-Trace: a\0b\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), true),
        ["nul-in-reason-phrase"] = (Raw("HTTP/1.1 500 Bro\0ken\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno"), false),
        ["nul-and-controls-in-body"] = (Raw("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 9\r\nConnection: close\r\n\r\nb\0d\x01\x1b[31m!"), false),
        ["invalid-utf8-in-header"] = (Raw("HTTP/1.1 200 OK\r\nX-Name: \xc3\x28\xff\xfe\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), true),
        ["invalid-utf8-in-body"] = (Raw("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nok\xc3\x28\xff\xfe"), true),
        ["one-megabyte-header"] = (Raw("HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 1024 * 1024) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), false),
        ["endless-body"] = (RawAnswer.Endless("endless-body", RawAnswer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")), true),
        ["body-dripped-a-byte-a-second"] = (RawAnswer.Dripped("drip", RawAnswer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 30\r\nConnection: close\r\n\r\n"),
            Encoding.ASCII.GetBytes(new string('d', 30))), true),
        ["nul-in-status-code"] = (Raw("HTTP/1.1 2\0 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), false),
        ["close-in-the-status-line"] = (Raw("HTTP/1.1 20"), false),
    };

    public async ValueTask InitializeAsync()
    {
        _receiver = RawReceiver.Start();
        _api = await PostgresApi.Start(postgres, new Dictionary<string, string?>
        {
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:RetrySchedule:0"] = "00:00:00.300",
            ["Delivery:SweepInterval"] = "00:00:01",
            ["Health:DisableOnTimeout"] = "false",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Whatever_the_receiver_sends_is_a_recorded_attempt_and_the_webhook_goes_on(string scenario)
    {
        var (answer, succeeds) = Scenarios[scenario];
        var (_, client) = await _api.CreateProject("HOST");
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url, ["run.completed"], code: "HOST");
        _receiver.Answer(answer);

        await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "HOST");

        var first = await Eventually.Value(() => OnlyDelivery(client, webhookId), d => d?.GetProperty("attempt_count").GetInt32() >= 1,
            Timeout + Within, $"{scenario}: the first attempt recorded");
        var attempt = first!.Value.GetProperty("attempts")[0];
        var error = attempt.GetProperty("error").GetString();
        ReadableText.Assert(error, $"{scenario}: error");
        ReadableText.Assert(attempt.GetProperty("response_body").GetString(), $"{scenario}: response body");
        if (succeeds)
        {
            Assert.Equal(200, attempt.GetProperty("response_status").GetInt32());
            Assert.Equal("succeeded", first.Value.GetProperty("status").GetString());
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(error), $"{scenario}: a failed attempt says why");
        }
        var body = attempt.GetProperty("response_body").GetString();
        Assert.True(body is null || Encoding.UTF8.GetByteCount(body) <= 8 * 1024 + 3, $"{scenario}: at most the first 8 KiB of the body is kept");

        // The webhook goes on: the failed delivery succeeds on its retry, and the next event is delivered.
        await Eventually.Value(() => OnlyDelivery(client, webhookId), d => d?.GetProperty("status").GetString() == "succeeded",
            Within, $"{scenario}: the first delivery succeeded in the end");
        await DeliveryServer.Publish(client, "run.completed", new { id = 2 }, code: "HOST");
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", "HOST"),
            page => page.GetProperty("items").GetArrayLength() == 2, Within, $"{scenario}: the next event delivered");
        var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/HOST/webhooks/{webhookId}"));
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        ReadableText.Assert(webhook.GetProperty("last_error").GetString(), $"{scenario}: last_error");
    }

    [Fact]
    public async Task An_endless_body_does_not_hold_the_attempt_past_the_timeout()
    {
        var (_, client) = await _api.CreateProject("ENDL");
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url, ["run.completed"], code: "ENDL");
        _receiver.Answer(Scenarios["endless-body"].Answer, Scenarios["body-dripped-a-byte-a-second"].Answer);

        // Both answers go on for ever (or for half a minute): each attempt must end with the timeout, not with the receiver.
        using var endlessDeadline = new CancellationTokenSource(Timeout + TimeSpan.FromSeconds(8));
        var endless = await HttpAssert.Json(await client.PostAsync($"/v1/projects/ENDL/webhooks/{webhookId}/test", null, endlessDeadline.Token));
        using var drippedDeadline = new CancellationTokenSource(Timeout + TimeSpan.FromSeconds(8));
        var dripped = await HttpAssert.Json(await client.PostAsync($"/v1/projects/ENDL/webhooks/{webhookId}/test", null, drippedDeadline.Token));

        Assert.Equal("succeeded", endless.GetProperty("status").GetString());
        Assert.Equal(8 * 1024, endless.GetProperty("attempts")[0].GetProperty("response_body").GetString()!.Length);
        Assert.Equal("succeeded", dripped.GetProperty("status").GetString());
        Assert.StartsWith("d", dripped.GetProperty("attempts")[0].GetProperty("response_body").GetString());
    }

    private static async Task<JsonElement?> OnlyDelivery(HttpClient client, string webhookId)
    {
        var page = await DeliveryServer.Deliveries(client, webhookId, code: "HOST");
        var items = page.GetProperty("items");
        if (items.GetArrayLength() == 0)
        {
            return null;
        }
        var id = items[items.GetArrayLength() - 1].GetProperty("id").GetString();
        return await client.GetFromJsonAsync<JsonElement>($"/v1/projects/HOST/webhooks/{webhookId}/deliveries/{id}");
    }

    private static RawAnswer Raw(string text) => RawAnswer.Bytes(text.Length > 80 ? text[..40] : text, RawAnswer.Ascii(text));
}

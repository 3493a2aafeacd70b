using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class DeliveryLogTests(DeliveryServer server)
{
    [Fact]
    public async Task The_log_lists_newest_first_filters_by_status_and_pages_with_a_cursor()
    {
        var (_, client) = await server.Api.CreateProject("LOG");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "LOG");
        var eventIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            eventIds.Add((await DeliveryServer.Publish(client, "case.created", new { id = i }, code: "LOG")).GetProperty("event_id").GetString()!);
        }
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", "LOG"),
            page => page.GetProperty("items").GetArrayLength() == 5, TimeSpan.FromSeconds(10), "five succeeded deliveries");

        var first = await DeliveryServer.Deliveries(client, webhookId, "?limit=2", "LOG");
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);
        var second = await DeliveryServer.Deliveries(client, webhookId, $"?limit=2&cursor={cursor}", "LOG");
        var third = await DeliveryServer.Deliveries(client, webhookId, $"?limit=2&cursor={second.GetProperty("next_cursor").GetString()}", "LOG");
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next_cursor").ValueKind);

        var listed = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray())
            .Select(d => d.GetProperty("event_id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(eventIds), listed);
        Assert.Empty((await DeliveryServer.Deliveries(client, webhookId, "?status=failed", "LOG")).GetProperty("items").EnumerateArray());

        await HttpAssert.Invalid(await client.GetAsync($"/v1/projects/LOG/webhooks/{webhookId}/deliveries?status=lost"), "status");
        await HttpAssert.Invalid(await client.GetAsync($"/v1/projects/LOG/webhooks/{webhookId}/deliveries?limit=101"), "limit");
        await HttpAssert.Problem(await client.GetAsync($"/v1/projects/LOG/webhooks/{webhookId}/deliveries/dlv_nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_delivery_shows_its_request_with_the_secret_and_signature_redacted()
    {
        var (_, client) = await server.Api.CreateProject("RED");
        var path = DeliveryServer.NewPath();
        const string secret = "keep-this-out-of-the-log";
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], secret, "RED");
        await DeliveryServer.Publish(client, "case.created", new { id = 7 }, code: "RED");
        var received = Assert.Single(await server.Receiver.WaitFor(path, 1));

        // The attempt is written just after the receiver has it: read once it is in.
        var text = await Eventually.Value(
            () => client.GetStringAsync($"/v1/projects/RED/webhooks/{webhookId}/deliveries/{received.Header("webhook-id")}"),
            t => JsonDocument.Parse(t).RootElement.GetProperty("attempts").GetArrayLength() == 1, TimeSpan.FromSeconds(10), "the recorded attempt");
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(received.Header("webhook-signature"), text);
        var detail = JsonDocument.Parse(text).RootElement;
        var request = detail.GetProperty("request");
        Assert.Equal(server.Receiver.Url(path), request.GetProperty("url").GetString());
        Assert.Equal(received.Text, request.GetProperty("body").GetString());
        Assert.Equal("[redacted]", request.GetProperty("headers").GetProperty("X-Qase-Secret").GetString());
        Assert.Equal("[redacted]", request.GetProperty("headers").GetProperty("webhook-signature").GetString());
        Assert.Equal(received.Header("webhook-id"), request.GetProperty("headers").GetProperty("webhook-id").GetString());
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("response_status").GetInt32());
        Assert.Equal("ok", attempt.GetProperty("response_body").GetString());
    }

    [Fact]
    public async Task Redeliver_sends_the_same_delivery_id_again()
    {
        var (_, client) = await server.Api.CreateProject("REDO");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "REDO");
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "REDO");
        var deliveryId = (await server.Receiver.WaitFor(path, 1))[0].Header("webhook-id");
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", "REDO"),
            page => page.GetProperty("items").GetArrayLength() == 1, TimeSpan.FromSeconds(10), "the delivery recorded");

        var answer = await client.PostAsync($"/v1/projects/REDO/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var received = await server.Receiver.WaitFor(path, 2);
        Assert.Equal(deliveryId, received[1].Header("webhook-id"));
        Assert.Equal(received[0].Text, received[1].Text);
        await HttpAssert.Problem(await client.PostAsync($"/v1/projects/REDO/webhooks/{webhookId}/deliveries/dlv_nope/redeliver", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_redelivery_asked_for_while_the_first_attempt_is_in_flight_is_sent_after_it()
    {
        var (_, client) = await server.Api.CreateProject("REDOF");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(Delay: TimeSpan.FromSeconds(2)), Reply.Ok);
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["case.created"], code: "REDOF");
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "REDOF");
        var deliveryId = (await server.Receiver.WaitFor(path, 1))[0].Header("webhook-id");

        // The receiver holds the first attempt's answer for two seconds: the redelivery is asked for meanwhile.
        var answer = await client.PostAsync($"/v1/projects/REDOF/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var received = await server.Receiver.WaitFor(path, 2, TimeSpan.FromSeconds(15));
        Assert.Equal(deliveryId, received[1].Header("webhook-id"));
        await Eventually.Value(() => client.GetStringAsync($"/v1/projects/REDOF/webhooks/{webhookId}/deliveries/{deliveryId}"),
            t => JsonDocument.Parse(t).RootElement.GetProperty("attempts").GetArrayLength() == 2, TimeSpan.FromSeconds(10), "both attempts recorded");
    }

    [Fact]
    public async Task Recover_sends_again_what_failed_while_the_webhook_was_disabled()
    {
        var (_, client) = await server.Api.CreateProject("REC");
        var path = DeliveryServer.NewPath();
        var url = server.Receiver.Url(path, new Reply(500));
        var webhookId = await DeliveryServer.CreateWebhook(client, url, ["case.created"], code: "REC");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "REC");
        await DeliveryServer.Publish(client, "case.created", new { id = 2 }, code: "REC");
        await server.Receiver.WaitFor(path, 2);

        (await client.PostAsync($"/v1/projects/REC/webhooks/{webhookId}/disable", null)).EnsureSuccessStatusCode();
        var failed = await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=failed", "REC"),
            page => page.GetProperty("items").GetArrayLength() == 2, TimeSpan.FromSeconds(10), "both deliveries failed");
        var deliveryIds = failed.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToHashSet();

        await HttpAssert.Problem(await client.PostAsJsonAsync($"/v1/projects/REC/webhooks/{webhookId}/recover", new { since }), HttpStatusCode.Conflict);
        server.Receiver.Url(path, Reply.Ok);
        (await client.PostAsync($"/v1/projects/REC/webhooks/{webhookId}/enable", null)).EnsureSuccessStatusCode();
        var before = server.Receiver.At(path).Count;
        var recovered = await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/REC/webhooks/{webhookId}/recover", new { since }), HttpStatusCode.Accepted);
        Assert.Equal(2, recovered.GetProperty("count").GetInt32());

        var received = await server.Receiver.WaitFor(path, before + 2);
        Assert.Equal(deliveryIds, received.Skip(before).Select(r => r.Header("webhook-id")).ToHashSet());
        await Eventually.Value(() => DeliveryServer.Deliveries(client, webhookId, "?status=succeeded", "REC"),
            page => page.GetProperty("items").GetArrayLength() == 2, TimeSpan.FromSeconds(10), "both recovered");
        await HttpAssert.Invalid(await client.PostAsJsonAsync($"/v1/projects/REC/webhooks/{webhookId}/recover", new { }), "since");
    }

    [Fact]
    public async Task Test_sends_the_sample_payload_now_and_answers_the_attempt()
    {
        var (_, client) = await server.Api.CreateProject("TST");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.cloned", "run.report_changed"], "s3cret", "TST");

        var byDefault = await HttpAssert.Json(await client.PostAsync($"/v1/projects/TST/webhooks/{webhookId}/test", null));
        Assert.Equal("case.cloned", byDefault.GetProperty("event_name").GetString());
        Assert.Equal("succeeded", byDefault.GetProperty("status").GetString());
        Assert.Equal(200, Assert.Single(byDefault.GetProperty("attempts").EnumerateArray()).GetProperty("response_status").GetInt32());

        var chosen = await HttpAssert.Json(await client.PostAsJsonAsync($"/v1/projects/TST/webhooks/{webhookId}/test", new { event_name = "run.report_changed" }));
        Assert.Equal("run.report_changed", chosen.GetProperty("event_name").GetString());

        var received = server.Receiver.At(path);
        Assert.Equal(2, received.Count);
        var payload = JsonDocument.Parse(received[0].Text).RootElement.GetProperty("payload");
        Assert.True(payload.TryGetProperty("from_id", out _));
        Assert.True(JsonDocument.Parse(received[1].Text).RootElement.GetProperty("payload").TryGetProperty("visible", out _));
        Assert.True(StandardWebhooksVerifier.Verify("s3cret", received[1].Header("webhook-id"), received[1].Header("webhook-timestamp"),
            received[1].Body, received[1].Header("webhook-signature")));

        var log = await DeliveryServer.Deliveries(client, webhookId, code: "TST");
        Assert.Equal(2, log.GetProperty("items").GetArrayLength());
        await HttpAssert.Invalid(await client.PostAsJsonAsync($"/v1/projects/TST/webhooks/{webhookId}/test", new { event_name = "nope" }), "event_name");
    }

    [Fact]
    public async Task Failed_test_deliveries_do_not_touch_the_webhook_health()
    {
        var (_, client) = await server.Api.CreateProject("TFAIL");
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500)), ["case.created"], code: "TFAIL");

        var test = await HttpAssert.Json(await client.PostAsync($"/v1/projects/TFAIL/webhooks/{webhookId}/test", null));
        Assert.Equal("failed", test.GetProperty("status").GetString());

        var webhook = await HttpAssert.Json(await client.GetAsync($"/v1/projects/TFAIL/webhooks/{webhookId}"));
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("failing_since").ValueKind);
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("last_failure_at").ValueKind);
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Metrics_count_published_events_and_attempts()
    {
        var (_, client) = await server.Api.CreateProject("MET");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], code: "MET");
        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "MET");
        await server.Receiver.WaitFor(path, 1);

        using var anonymous = server.Api.Client(token: null);
        var text = await Eventually.Value(() => anonymous.GetStringAsync("/metrics"),
            t => PrometheusText.Value(t, "qase_delivery_attempts_total", "outcome=\"succeeded\"") >= 1,
            TimeSpan.FromSeconds(10), "attempt metrics exported");
        Assert.True(PrometheusText.Value(text, "qase_events_published_total") >= 1);
        Assert.True(PrometheusText.Value(text, "qase_delivery_attempt_duration_seconds_count") >= 1);
        Assert.Contains("qase_deliveries_waiting{", text);
    }
}

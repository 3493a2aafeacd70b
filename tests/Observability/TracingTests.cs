using System.Diagnostics;
using System.Net.Http.Json;
using Qase.Webhooks.Grains.Tracing;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Observability;

[Collection(TracingCollection.Name)]
public sealed class TracingTests(TracingServer server)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_publish_its_routing_its_store_write_and_every_attempt_are_one_trace()
    {
        var (_, client) = await server.Api.CreateProject("TRC");
        var first = DeliveryServer.NewPath();
        var second = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(first), ["run.completed"], code: "TRC");
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(second), ["run.completed"], code: "TRC");
        var (traceId, traceParent) = TracingServer.NewTrace();

        await Publish(client, "TRC", traceParent);
        string[] deliveryIds =
        [
            (await server.Receiver.WaitFor(first, 1))[0].Header("webhook-id"),
            (await server.Receiver.WaitFor(second, 1))[0].Header("webhook-id"),
        ];

        await Eventually.True(() => Attempts(server.Trace(traceId)).Count == 2, Within,
            () => $"two attempt spans in the trace; it has: {Describe(server.Trace(traceId))}");
        var spans = server.Trace(traceId);
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /v1/projects/{code}/events");
        var route = Assert.Single(spans, s => s.DisplayName == ServiceTelemetry.RouteSpan);
        var store = Assert.Single(spans, s => s.DisplayName == ServiceTelemetry.StoreSpan);
        Assert.Contains(spans, s => s.Source.Name == Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName);
        Assert.True(IsUnder(route, request, spans), "the router's span is under the request's");
        Assert.True(IsUnder(store, route, spans), "the store write is under the router's span");
        var attempts = Attempts(spans);
        Assert.Equal(deliveryIds.Order(StringComparer.Ordinal), attempts.Select(a => (string)a.GetTagItem("qase.delivery.id")!).Order(StringComparer.Ordinal));
        foreach (var attempt in attempts)
        {
            Assert.True(IsUnder(attempt, route, spans), "an attempt is under the router's span");
            Assert.Equal(200, attempt.GetTagItem("http.response.status_code"));
            Assert.Equal(1, attempt.GetTagItem("qase.delivery.attempt"));
            Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && IsUnder(s, attempt, spans));
        }

        // The same trace left the process over OTLP.
        var id = new byte[16];
        traceId.CopyTo(id);
        await Eventually.True(
            () => server.Receiver.At(TracingServer.OtlpPath + "/v1/traces").Any(r => r.Body.AsSpan().IndexOf(id) >= 0),
            Within, () => $"OTLP exports seen: {server.Receiver.At(TracingServer.OtlpPath + "/v1/traces").Count}");
        Assert.All(server.Receiver.At(TracingServer.OtlpPath + "/v1/traces"), r => Assert.Equal("application/x-protobuf", r.Header("content-type")));
    }

    [Fact]
    public async Task A_retry_is_a_new_trace_linked_to_the_publish()
    {
        var (_, client) = await server.Api.CreateProject("TRR");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path, new Reply(500), Reply.Ok), ["run.completed"], code: "TRR");
        var (traceId, traceParent) = TracingServer.NewTrace();

        await Publish(client, "TRR", traceParent);
        var deliveryId = (await server.Receiver.WaitFor(path, 2))[0].Header("webhook-id");

        await Eventually.True(() => Attempts(server.Spans.Snapshot(), deliveryId).Count == 2, Within,
            () => $"two attempt spans of {deliveryId}");
        var spans = Attempts(server.Spans.Snapshot(), deliveryId).OrderBy(s => s.StartTimeUtc).ToList();
        var (first, retry) = (spans[0], spans[1]);
        Assert.Equal(traceId, first.TraceId);
        Assert.Equal(ActivityStatusCode.Error, first.Status);
        Assert.Equal(500, first.GetTagItem("http.response.status_code"));
        Assert.NotEqual(traceId, retry.TraceId);
        Assert.Equal(default, retry.ParentSpanId);
        Assert.Contains(retry.Links, link => link.Context.TraceId == traceId);
        Assert.Equal(2, retry.GetTagItem("qase.delivery.attempt"));
        Assert.Equal(ActivityStatusCode.Unset, retry.Status);
    }

    [Fact]
    public async Task No_trace_context_reaches_a_receiver_by_default()
    {
        var (_, client) = await server.Api.CreateProject("TRN");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["run.completed"], code: "TRN");
        var (traceId, traceParent) = TracingServer.NewTrace();

        await Publish(client, "TRN", traceParent);
        var received = (await server.Receiver.WaitFor(path, 1))[0];

        // The attempt was traced, and still nothing of the trace went to the endpoint.
        await Eventually.True(() => Attempts(server.Trace(traceId)).Count == 1, Within, () => "the attempt span");
        foreach (var header in new[] { "traceparent", "tracestate", "request-id", "baggage", "correlation-context" })
        {
            Assert.False(received.Headers.ContainsKey(header), $"{header}: {received.Header(header)}");
        }
    }

    [Fact]
    public async Task With_PropagateTraceContext_the_receiver_gets_the_trace()
    {
        var propagating = TracingServer.WithPropagation();
        await propagating.InitializeAsync();
        try
        {
            var (_, client) = await propagating.Api.CreateProject("TRP");
            var path = DeliveryServer.NewPath();
            await DeliveryServer.CreateWebhook(client, propagating.Receiver.Url(path), ["run.completed"], code: "TRP");
            var (traceId, traceParent) = TracingServer.NewTrace();

            await Publish(client, "TRP", traceParent);
            var received = (await propagating.Receiver.WaitFor(path, 1))[0];

            var parts = received.Header("traceparent").Split('-');
            Assert.Equal(4, parts.Length);
            Assert.Equal(traceId.ToHexString(), parts[1]);
            await Eventually.True(() => propagating.Trace(traceId).Any(s => s.SpanId.ToHexString() == parts[2]), Within,
                () => "the receiver's parent span among the exported spans");
        }
        finally
        {
            await propagating.DisposeAsync();
        }
    }

    // The test's own client sends exactly the traceparent given, whatever listens to HttpClient in this process.
    private static async Task Publish(HttpClient client, string code, string traceParent)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        })
        { BaseAddress = client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/projects/{code}/events")
        {
            Content = JsonContent.Create(new { event_name = "run.completed", payload = new { id = 1 } }),
        };
        request.Headers.Add("Token", client.DefaultRequestHeaders.GetValues("Token"));
        request.Headers.Add("traceparent", traceParent);
        await HttpAssert.Json(await http.SendAsync(request), System.Net.HttpStatusCode.Accepted);
    }

    private static List<Activity> Attempts(IEnumerable<Activity> spans, string? deliveryId = null) =>
        [.. spans.Where(s => s.DisplayName == ServiceTelemetry.AttemptSpan
            && (deliveryId is null || (string?)s.GetTagItem("qase.delivery.id") == deliveryId))];

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var bySpanId = spans.ToDictionary(s => s.SpanId);
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Observability;

/// <summary>The <c>api</c> process started from its binary with the JSON console formatter, as an operator configures it.</summary>
[Trait("Category", "Slow")]
public sealed class JsonLogTests : IAsyncLifetime
{
    private const string AdminToken = "json-log-admin-token";
    private const string Secret = "json-log-secret-3f9c2a";
    private Receiver _receiver = null!;
    private ServiceProcess _api = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _api = ServiceProcess.Start("api", "api", new Dictionary<string, string?>
        {
            ["Auth:AdminToken"] = AdminToken,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Delivery:RetrySchedule:0"] = "00:10:00",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", // as docker/compose.yaml sets it
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = new Uri(_receiver.BaseAddress, "/otlp").ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Logging:LogLevel:Default"] = "Information",
        });
        await _api.WaitUntilReady(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Every_line_is_a_json_object_and_a_delivery_line_names_its_webhook_delivery_and_trace_without_the_secret()
    {
        using var admin = new HttpClient { BaseAddress = _api.BaseAddress };
        admin.DefaultRequestHeaders.Add("Token", AdminToken);
        var workspace = await HttpAssert.Json(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Logs", plan = "startup", owner_email = "ops@example.com" }), HttpStatusCode.Created);
        var workspaceId = workspace.GetProperty("id").GetString()!;
        using var client = new HttpClient { BaseAddress = _api.BaseAddress };
        client.DefaultRequestHeaders.Add("Token", workspace.GetProperty("token").GetString());
        await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects", new { code = "LOG", title = "Logs" }), HttpStatusCode.Created);
        var path = DeliveryServer.NewPath();
        var webhookId = await DeliveryServer.CreateWebhook(client, _receiver.Url(path, new Reply(500, Body: "down")), ["run.completed"], Secret, "LOG");

        var (traceId, traceParent) = TracingServer.NewTrace();
        using var publish = new HttpRequestMessage(HttpMethod.Post, "/v1/projects/LOG/events")
        {
            Content = JsonContent.Create(new { event_name = "run.completed", payload = new { id = 7 } }),
        };
        publish.Headers.Add("traceparent", traceParent);
        await HttpAssert.Json(await client.SendAsync(publish), HttpStatusCode.Accepted);
        var deliveryId = (await _receiver.WaitFor(path, 1))[0].Header("webhook-id");

        var line = await Eventually.Value(() => Task.FromResult(Lines().FirstOrDefault(l => Field(l, "DeliveryId") == deliveryId)),
            l => l.ValueKind != JsonValueKind.Undefined, TimeSpan.FromSeconds(10), $"a log line with DeliveryId {deliveryId}");
        Assert.Equal($"{workspaceId}/LOG/{webhookId}", Field(line, "WebhookKey"));
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        var at = DateTimeOffset.Parse(line.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 5, $"{at:O} is the time of the line, in UTC");
        Assert.Contains(deliveryId, line.GetProperty("Message").GetString());
        Assert.Contains("500", line.GetProperty("Message").GetString());
        // Written in the attempt's span, which belongs to the publish's trace: the line and the trace meet on TraceId.
        Assert.Contains(line.GetProperty("Scopes").EnumerateArray(),
            scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId.ToHexString());

        var output = _api.Output;
        Assert.DoesNotContain(Secret, output);
        var text = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(text.Length > 3, output);
        foreach (var raw in text)
        {
            using var parsed = JsonDocument.Parse(raw); // throws, naming the line, if a line is not JSON
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
            Assert.True(parsed.RootElement.TryGetProperty("Category", out _), raw);
        }
    }

    private List<JsonElement> Lines() =>
        [.. _api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static string? Field(JsonElement line, string name) =>
        line.TryGetProperty("State", out var state) && state.TryGetProperty(name, out var value) ? value.ToString() : null;
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The API with delivery timings shortened for tests (retries in fractions of a second, a 3-second
/// timeout, a sweep every second), plus a receiver on loopback for the webhooks to call.
/// </summary>
public sealed class DeliveryServer : IAsyncLifetime
{
    public ApiServer Api { get; } = new(new Dictionary<string, string?>
    {
        ["Delivery:RetrySchedule:0"] = "00:00:00.300",
        ["Delivery:RetrySchedule:1"] = "00:00:00.500",
        ["Delivery:Timeout"] = "00:00:03",
        ["Delivery:SweepInterval"] = "00:00:01",
        ["Health:DisableOnTimeout"] = "false",
    });

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        await Api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>A fresh receiver path for one test.</summary>
    public static string NewPath() => "/hook/" + Guid.NewGuid().ToString("N");

    public static async Task<string> CreateWebhook(HttpClient client, string url, string[] events, string? secret = null, string code = "DEMO")
    {
        var response = await client.PostAsJsonAsync($"/v1/projects/{code}/webhooks", new { title = "Receiver", url, secret, events });
        var body = await HttpAssert.Json(response, System.Net.HttpStatusCode.Created);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> Publish(HttpClient client, string eventName, object payload, string code = "DEMO", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/projects/{code}/events")
        {
            Content = JsonContent.Create(new { event_name = eventName, payload }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await HttpAssert.Json(await client.SendAsync(request), System.Net.HttpStatusCode.Accepted);
    }

    public static Task<JsonElement> Deliveries(HttpClient client, string webhookId, string query = "", string code = "DEMO") =>
        client.GetAsync($"/v1/projects/{code}/webhooks/{webhookId}/deliveries{query}").ContinueWith(t => HttpAssert.Json(t.Result)).Unwrap();
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class DeliveryCollection : ICollectionFixture<DeliveryServer>
{
    public const string Name = "delivery";
}

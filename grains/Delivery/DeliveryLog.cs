using System.Text;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A webhook's delivery log as its owner reads it: pages, one delivery with the request as sent (secret and
/// signature redacted), and hourly counts. Store reads that need nothing of the grain's state but its key.
/// </summary>
public sealed class DeliveryLog(string webhookKey, IDeliveryStore store, TimeProvider clock)
{
    public Task<DeliveryPage> List(DeliveryQuery query)
    {
        if (query.Limit is < 1 or > DeliveryQuery.MaxLimit)
        {
            throw Invalid("limit", $"must be between 1 and {DeliveryQuery.MaxLimit}.");
        }
        return store.List(webhookKey, query);
    }

    public async Task<DeliveryDetail?> Get(string deliveryId, DeliveryEndpoint endpoint) =>
        await store.Get(webhookKey, deliveryId) is { } stored ? Detail(stored, endpoint) : null;

    public Task<IReadOnlyList<HourStats>> Stats(int hours)
    {
        if (hours is < 1 or > HourStats.MaxHours)
        {
            throw Invalid("hours", HourStats.HoursRule);
        }
        return store.HourlyStats(webhookKey, FirstHour(clock.GetUtcNow(), hours), hours);
    }

    /// <summary>The start of the oldest of <paramref name="hours"/> whole hours ending with the current one.</summary>
    public static DateTimeOffset FirstHour(DateTimeOffset now, int hours) =>
        new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(1 - hours);

    /// <summary>A stored delivery with the request of its last attempt, signed as the webhook signs now but redacted.</summary>
    public static DeliveryDetail Detail(StoredDelivery stored, DeliveryEndpoint endpoint)
    {
        var last = stored.Attempts.Count > 0 ? stored.Attempts[^1] : null;
        var headers = WebhookSender.Headers(endpoint.Signer, stored.Record.Id, stored.Record.EventName,
            (last?.At ?? stored.Record.CreatedAt).ToUnixTimeSeconds(), stored.Body, redact: true);
        var request = new DeliveryRequest(last?.Url ?? endpoint.Url, headers.ToDictionary(h => h.Key, h => h.Value),
            Encoding.UTF8.GetString(stored.Body));
        return new DeliveryDetail(stored.Record, request, stored.Attempts);
    }

    private static RequestRejectedException Invalid(string field, string rule) =>
        RequestRejectedException.Invalid(new Dictionary<string, string[]> { [field] = [rule] });
}

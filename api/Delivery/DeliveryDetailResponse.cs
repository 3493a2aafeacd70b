using Qase.Webhooks.Contracts.Delivery;

namespace Qase.Webhooks.Api.Delivery;

/// <summary>A delivery with its request (secret and signature redacted) and its attempts.</summary>
public sealed record DeliveryDetailResponse(
    string Id, string WebhookId, string EventId, string EventName, DeliveryStatus Status, int AttemptCount,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, int? ResponseStatus,
    long? DurationMs, string? Error, DeliveryRequest Request, IReadOnlyList<DeliveryAttempt> Attempts)
{
    public static DeliveryDetailResponse From(DeliveryDetail detail)
    {
        var d = detail.Delivery;
        return new(d.Id, d.WebhookId, d.EventId, d.EventName, d.Status, d.AttemptCount, d.CreatedAt, d.LastAttemptAt,
            d.NextAttemptAt, d.ResponseStatus, d.DurationMs, d.Error, detail.Request, detail.Attempts);
    }
}

using Qase.Webhooks.Contracts.Delivery;
namespace Qase.Webhooks.Grains.Delivery;

/// <summary>The result of one attempt and where it leaves the delivery.</summary>
public sealed record AttemptOutcome(
    string WebhookKey,
    string DeliveryId,
    DeliveryAttempt Attempt,
    DeliveryStatus Status,
    DateTimeOffset? NextAttemptAt);

using Qase.Webhooks.Contracts.Events;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>What the store did with one event: recorded it, or found its idempotency key and answered the first answer.</summary>
public sealed record PublishOutcome(PublishedEvent Answer, bool Repeat);

namespace Qase.Webhooks.Grains.Health;

/// <summary>What the health rules need to know of a webhook: whether it is in service, and since when it has been failing.</summary>
public readonly record struct WebhookHealth(bool Enabled, DateTimeOffset? FailingSince);

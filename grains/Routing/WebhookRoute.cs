namespace Qase.Webhooks.Grains.Routing;

/// <summary>What the router needs of a webhook: whether it takes deliveries, and of which event types.</summary>
[GenerateSerializer, Immutable, Alias("qase.WebhookRoute")]
public sealed record WebhookRoute(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] bool Enabled);

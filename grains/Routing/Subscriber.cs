using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Grains.Routing;

/// <summary>An enabled webhook in the router's index, with its key and grain reference made once per change, not per publish.</summary>
internal sealed record Subscriber(string WebhookId, string WebhookKey, IWebhookDeliveryGrain Delivery);

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>A webhook's current URL and signing material: every attempt, retries included, uses the latest.</summary>
public sealed record DeliveryEndpoint(string Url, WebhookSigner Signer);

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>A webhook's current URL and secret: every attempt, retries included, uses the latest.</summary>
public sealed record DeliveryEndpoint(string Url, string? Secret);

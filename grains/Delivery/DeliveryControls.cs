namespace Qase.Webhooks.Grains.Delivery;

/// <summary>How a webhook wants its deliveries paced: a rate limit in attempts per second, and ordered delivery.</summary>
public sealed record DeliveryControls(int? RateLimit, bool Ordered)
{
    public static DeliveryControls None { get; } = new(null, false);
}

using Qase.Webhooks.Grains.Health;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>What a <see cref="DeliveryPump"/> needs from the webhook it works for.</summary>
public interface IDeliveryHost
{
    /// <summary>Where to send now, or <c>null</c> when the webhook takes no deliveries (disabled or deleted).</summary>
    DeliveryEndpoint? Endpoint { get; }

    /// <summary>Whether retries may go out now (the workspace's plan includes webhooks).</summary>
    Task<bool> MaySend();

    /// <summary>Called after every attempt, before its outcome is settled: the webhook's health moves here.</summary>
    Task OnAttempted(AttemptFact fact);

    /// <summary>Asks to be woken at <paramref name="at"/> to claim retries that fall due then.</summary>
    void WakeAt(DateTimeOffset at);

    /// <summary>The webhook's rate limit and ordering, as they are now.</summary>
    DeliveryControls Controls { get; }

    /// <summary>Asks for <see cref="DeliveryPump.Resume"/> at <paramref name="at"/>, when the rate limit allows the next start.</summary>
    void PumpAt(DateTimeOffset at);
}

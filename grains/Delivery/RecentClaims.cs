namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The first attempts a <see cref="DeliveryPump"/> took from the store lately, the last <paramref name="capacity"/> of
/// them. The router hands a publish's deliveries over after its commit, so a claim may have taken (and even finished)
/// one before its handoff arrives: a handoff skips those, and is not taken at all for a while after one was forgotten.
/// </summary>
public sealed class RecentClaims(int capacity)
{
    // A handoff is a message sent right after its commit; one older than this is a broken cluster, not a race.
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);

    private Queue<string>? _order;
    private HashSet<string>? _ids;
    private DateTimeOffset _forgotAt = DateTimeOffset.MinValue;

    /// <summary>Notes a delivery the store gave; only first attempts can also be in a handoff.</summary>
    public void Add(PendingDelivery delivery, DateTimeOffset now)
    {
        if (delivery.AttemptCount > 0)
        {
            return;
        }
        // Made on first use: an idle webhook, or one fed by handoffs alone, keeps none.
        _order ??= new Queue<string>();
        _ids ??= new HashSet<string>(StringComparer.Ordinal);
        if (!_ids.Add(delivery.DeliveryId))
        {
            return;
        }
        _order.Enqueue(delivery.DeliveryId);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
            _forgotAt = now;
        }
    }

    public bool Contains(string deliveryId) => _ids?.Contains(deliveryId) == true;

    /// <summary>Whether every claim a handoff arriving now could have raced is still remembered.</summary>
    public bool Complete(DateTimeOffset now) => now - _forgotAt > Horizon;
}

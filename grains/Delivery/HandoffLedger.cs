namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// Matches a <see cref="DeliveryPump"/>'s claims with the router's handoffs. The router hands a publish's deliveries
/// over after its commit, so a claim may take one first (and even finish it) before its handoff arrives: such a
/// first attempt is noted until its handoff comes, which then skips it. A handoff the pump leaves to the store is
/// noted in turn, so the claim that later takes it expects no handoff. Both wait for their match; the oldest are let
/// go past <paramref name="capacity"/> (a handoff lost with its router's silo never comes).
/// </summary>
public sealed class HandoffLedger(int capacity)
{
    // Delivery id → true: claimed, its handoff not seen yet; false: handed over and left to the store, not claimed yet.
    // Made on first use: an idle webhook, or one fed by handoffs alone, keeps nothing.
    private Dictionary<string, bool>? _open;
    private Queue<string>? _order;

    /// <summary>A claim took <paramref name="delivery"/> from the store.</summary>
    public void Claimed(PendingDelivery delivery)
    {
        // Only first attempts are ever handed over.
        if (delivery.AttemptCount == 0 && !Match(delivery.DeliveryId, handedOver: false))
        {
            Note(delivery.DeliveryId, claimed: true);
        }
    }

    /// <summary>A handoff names <paramref name="deliveryId"/>: whether a claim took it already.</summary>
    public bool ClaimedBefore(string deliveryId) => Match(deliveryId, handedOver: true);

    /// <summary>A handoff's delivery is left to the store: the claim that takes it will not see its handoff.</summary>
    public void LeftToStore(string deliveryId) => Note(deliveryId, claimed: false);

    private bool Match(string deliveryId, bool handedOver) =>
        _open is not null && _open.TryGetValue(deliveryId, out var claimed) && claimed == handedOver && _open.Remove(deliveryId);

    private void Note(string deliveryId, bool claimed)
    {
        _open ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        _order ??= new Queue<string>();
        _open[deliveryId] = claimed;
        _order.Enqueue(deliveryId);
        while (_open.Count > capacity)
        {
            _open.Remove(_order.Dequeue());
        }
        if (_order.Count > 2 * capacity)
        {
            _order = new Queue<string>(_order.Where(_open.ContainsKey)); // drop the ids matched meanwhile
        }
    }
}

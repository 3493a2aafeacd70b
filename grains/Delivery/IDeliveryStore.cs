using Qase.Webhooks.Contracts.Delivery;
namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The outbox: events, their deliveries and every attempt, plus the idempotency keys of publishing.
/// Grains write it in batches (one call per published batch, one per group of finished attempts);
/// it is the only record of per-delivery facts, so grain state is never rewritten per delivery.
/// Deliveries are addressed by their webhook's grain key, so one webhook never sees another's.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Records the events and their deliveries, all or nothing, before the publisher is answered.
    /// An event whose idempotency key the project used within the window is not recorded again: its outcome
    /// carries the first answer.
    /// </summary>
    Task<IReadOnlyList<PublishOutcome>> Publish(string projectKey, IReadOnlyList<StoredEvent> events, DateTimeOffset now);

    /// <summary>
    /// Pending deliveries of the webhook due by <paramref name="now"/>, oldest due first, skipping <paramref name="exclude"/>
    /// (the caller's live set: read it before the first await, never keep it).
    /// </summary>
    Task<IReadOnlyList<PendingDelivery>> FindDue(string webhookKey, DateTimeOffset now, int limit, IReadOnlyCollection<string> exclude);

    /// <summary>
    /// The webhook's pending delivery whose event was accepted first (the order the store assigned when it recorded
    /// the publish), due or not, with when it is due: what an ordered webhook sends next. Redelivered and recovered
    /// deliveries keep their place.
    /// </summary>
    Task<(PendingDelivery Delivery, DateTimeOffset DueAt)?> FirstInOrder(string webhookKey);

    /// <summary>When the webhook's next pending delivery falls due, skipping <paramref name="exclude"/>.</summary>
    Task<DateTimeOffset?> NextDue(string webhookKey, IReadOnlyCollection<string> exclude);

    /// <summary>Stores finished attempts and moves their deliveries on.</summary>
    Task Record(IReadOnlyList<AttemptOutcome> outcomes);

    /// <summary>Marks every pending delivery of the webhook failed (it was disabled); answers how many.</summary>
    Task<int> FailPending(string webhookKey, string error, DateTimeOffset now);

    /// <summary>Forgets the webhook's deliveries and attempts (it was deleted).</summary>
    Task DeleteWebhook(string webhookKey);

    /// <summary>
    /// Webhooks with deliveries due before <paramref name="dueBefore"/>, the longest waiting first, leaving out those
    /// paused past it: what a sweep wakes.
    /// </summary>
    Task<IReadOnlyList<string>> WebhooksWithDueWork(DateTimeOffset dueBefore, int limit);

    /// <summary>
    /// The webhook cannot send now (its workspace is on the free plan, or it is disabled): the sweep leaves it out
    /// until <paramref name="until"/>, so its due work, always the oldest, cannot take every pass from the others.
    /// </summary>
    Task Pause(string webhookKey, DateTimeOffset until);

    /// <summary>The webhook can send again (it was enabled): the sweep wakes it as soon as it has due work.</summary>
    Task Resume(string webhookKey);

    /// <summary>Every webhook of the workspace can send again (its plan was upgraded).</summary>
    Task ResumeWorkspace(string workspaceId);

    Task<DeliveryPage> List(string webhookKey, DeliveryQuery query);

    Task<StoredDelivery?> Get(string webhookKey, string deliveryId);

    /// <summary>Makes a delivery pending again, due now; <c>false</c> when there is no such delivery.</summary>
    Task<bool> Requeue(string webhookKey, string deliveryId, DateTimeOffset now);

    /// <summary>Makes every delivery that failed and was created since <paramref name="since"/> pending again; answers how many.</summary>
    Task<int> RequeueFailed(string webhookKey, DateTimeOffset since, DateTimeOffset now);

    /// <summary>Logs a delivery that was made and finished at once (a test delivery).</summary>
    Task AddFinished(string webhookKey, DeliveryRecord record, byte[] body, DeliveryAttempt attempt);

    /// <summary>
    /// The webhook's attempts per clock hour for <paramref name="hours"/> hours from <paramref name="firstHour"/> (on the hour),
    /// oldest first, one item per hour whether or not it had attempts. Test deliveries count like any other.
    /// </summary>
    Task<IReadOnlyList<HourStats>> HourlyStats(string webhookKey, DateTimeOffset firstHour, int hours);

    /// <summary>Removes finished deliveries last touched before <paramref name="before"/> and idempotency keys past their window.</summary>
    Task<int> Purge(DateTimeOffset before, DateTimeOffset now);

    Task<long> CountPending();
}

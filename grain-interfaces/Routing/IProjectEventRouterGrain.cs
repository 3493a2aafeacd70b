using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Contracts.Routing;

/// <summary>
/// One per project, keyed <c>{workspace_id}/{CODE}</c> (see <see cref="Projects.GrainKeys"/>): knows every
/// webhook of the project and the event types each one takes, and fans published events out to them.
/// Webhook grains keep it in step with their changes.
/// </summary>
[Alias("qase.IProjectEventRouterGrain")]
public interface IProjectEventRouterGrain : IGrainWithStringKey
{
    /// <summary>Every webhook of the project, enabled or not, oldest first; empty when it has none or does not exist.</summary>
    [AlwaysInterleave, Alias("ListWebhooks")]
    Task<IReadOnlyList<Webhook>> ListWebhooks();

    /// <summary>
    /// Publishes events: checks them all (a batch is accepted whole or not at all), records each one and its
    /// deliveries durably, then hands them to the subscribed webhooks. Answers in the order sent; a repeated
    /// idempotency key answers the first answer again and delivers nothing. Validation errors are keyed
    /// <c>events[i].field</c>; a payload over its limit is a <see cref="Problems.ProblemKind.TooLarge"/> rejection. Publishes of one project run concurrently (they read the routes and write
    /// only the outbox), so a busy project's batches share the database's commits instead of queuing.
    /// </summary>
    /// <param name="events">1 to <see cref="EventLimits.MaxBatchEvents"/> events.</param>
    /// <returns>
    /// One answer per event, in the order sent; by then the events and their deliveries are recorded (durably in
    /// PostgreSQL mode). In a workspace on the free plan events are accepted and go to no webhook.
    /// </returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.Validation"/> for bad events (<c>events</c> when the batch is empty or holds more
    /// than 1000; <c>events[i].event_name</c>, <c>events[i].payload</c>, <c>events[i].timestamp</c>, <c>events[i].id</c>);
    /// <see cref="Problems.ProblemKind.TooLarge"/> for a payload over <see cref="EventLimits.MaxEventBytes"/>
    /// (<c>events[i].payload</c>); <see cref="Problems.ProblemKind.NotFound"/> when the project does not exist.
    /// </exception>
    [AlwaysInterleave, Alias("Publish")]
    Task<IReadOnlyList<PublishedEvent>> Publish(IReadOnlyList<EventSubmission> events);

    /// <summary>Publishes one event, as <see cref="Publish"/> does a batch of one; validation errors name its fields as sent (<c>payload</c>).</summary>
    /// <param name="submission">The event.</param>
    /// <exception cref="Problems.RequestRejectedException">
    /// As for <see cref="Publish"/>, with the fields named <c>event_name</c>, <c>payload</c>, <c>timestamp</c> and <c>id</c>.
    /// </exception>
    [AlwaysInterleave, Alias("PublishOne")]
    Task<PublishedEvent> PublishOne(EventSubmission submission);
}

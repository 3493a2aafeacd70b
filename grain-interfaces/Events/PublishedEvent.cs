namespace Qase.Webhooks.Contracts.Events;

/// <summary>The answer to one published event: its id and how many webhooks it goes to.</summary>
/// <param name="EventId">
/// The id the service made for the event (<c>evt_…</c>, <c>event_id</c> on the wire); a repeated idempotency key
/// answers the first event's id.
/// </param>
/// <param name="Webhooks">
/// How many webhooks the event will be delivered to: the project's enabled webhooks subscribed to its type,
/// <c>0</c> in a workspace on the free plan.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.PublishedEvent")]
public sealed record PublishedEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Webhooks);

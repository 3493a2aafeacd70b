namespace Qase.Webhooks.Contracts.Events;

/// <summary>An event as a publisher sends it.</summary>
/// <param name="EventName">One of the catalog's names, e.g. <c>run.completed</c>.</param>
/// <param name="Payload">The payload as JSON text; it must be an object and is passed through untouched.</param>
/// <param name="TeamMemberId">Who caused the event; <c>null</c> in the envelope when absent.</param>
/// <param name="Timestamp">Unix seconds of the event; absent, the time of publishing.</param>
/// <param name="IdempotencyKey">The caller's key: the same key for the same project within 24 hours answers the first answer again.</param>
[GenerateSerializer, Immutable, Alias("qase.EventSubmission")]
public sealed record EventSubmission(
    [property: Id(0)] string? EventName,
    [property: Id(1)] string? Payload,
    [property: Id(2)] long? TeamMemberId = null,
    [property: Id(3)] long? Timestamp = null,
    [property: Id(4)] string? IdempotencyKey = null);

namespace Qase.Webhooks.Contracts.Events;

/// <summary>An event as a publisher sends it.</summary>
/// <param name="EventName">Required: one of the <see cref="Catalog.EventCatalog"/> names, e.g. <c>run.completed</c> (<c>event_name</c>).</param>
/// <param name="Payload">
/// Required: the payload as UTF-8 JSON, empty when absent; it must be an object of at most <see cref="EventLimits.MaxEventBytes"/>
/// bytes, and is delivered byte for byte as given (<c>payload</c>). Id 1 carried it as text and is not used again.
/// </param>
/// <param name="TeamMemberId">Who caused the event; <c>null</c> in the envelope when absent (<c>team_member_id</c>).</param>
/// <param name="Timestamp">Unix seconds of the event, not negative; absent, the time of publishing (<c>timestamp</c>).</param>
/// <param name="IdempotencyKey">The caller's key, 1 to 255 characters (<c>id</c>): the same key for the same project within 24 hours answers the first answer again and delivers nothing twice.</param>
[GenerateSerializer, Immutable, Alias("qase.EventSubmission")]
public sealed record EventSubmission(
    [property: Id(0)] string? EventName,
    [property: Id(5)] ReadOnlyMemory<byte> Payload,
    [property: Id(2)] long? TeamMemberId = null,
    [property: Id(3)] long? Timestamp = null,
    [property: Id(4)] string? IdempotencyKey = null)
{
    /// <summary>
    /// Set by a caller in the router's own process that has read <see cref="Payload"/> as one well-formed JSON object while
    /// reading its request (the REST API does), so the router does not read it a second time. It is not serialized: a
    /// payload that comes from another process is always read again.
    /// </summary>
    [field: NonSerialized]
    public bool PayloadReadAsObject { get; init; }
}

namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>
/// One event's delivery to one webhook, as the delivery log lists it. Times are UTC to the millisecond
/// (RFC 3339 on the REST API, under the same names in <c>snake_case</c>).
/// </summary>
/// <param name="Id">
/// The delivery id (<c>dlv_…</c>), the same on every attempt: it is sent as <c>X-Qase-Delivery</c> and <c>webhook-id</c>.
/// </param>
/// <param name="WebhookId">The webhook it goes to, the last part of the webhook's grain key.</param>
/// <param name="EventId">
/// The published event (<c>evt_…</c>), as <see cref="Events.PublishedEvent.EventId"/> answered it; a test delivery has
/// an event of its own.
/// </param>
/// <param name="EventName">The event type, e.g. <c>run.completed</c>.</param>
/// <param name="Status">Pending, succeeded or failed.</param>
/// <param name="AttemptCount">How many HTTP attempts were made.</param>
/// <param name="CreatedAt">When the event was accepted (for a test delivery, when it was sent).</param>
/// <param name="LastAttemptAt">When the last attempt started; <c>null</c> before the first.</param>
/// <param name="NextAttemptAt">When the next attempt is due; <c>null</c> unless <see cref="DeliveryStatus.Pending"/>.</param>
/// <param name="ResponseStatus">The HTTP status of the last attempt; <c>null</c> when none arrived or before the first attempt.</param>
/// <param name="DurationMs">How long the last attempt took, in milliseconds; <c>null</c> before the first.</param>
/// <param name="Error">
/// Why the last attempt failed, or why the delivery was given up (the webhook was disabled); <c>null</c> otherwise.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventName,
    [property: Id(4)] DeliveryStatus Status,
    [property: Id(5)] int AttemptCount,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? LastAttemptAt,
    [property: Id(8)] DateTimeOffset? NextAttemptAt,
    [property: Id(9)] int? ResponseStatus,
    [property: Id(10)] long? DurationMs,
    [property: Id(11)] string? Error);

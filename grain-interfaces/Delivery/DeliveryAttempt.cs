namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>One HTTP attempt of a delivery.</summary>
/// <param name="At">When the attempt started, UTC to the millisecond.</param>
/// <param name="ResponseStatus">The HTTP status, or <c>null</c> when none arrived.</param>
/// <param name="DurationMs">Milliseconds from the start to the status line (or to the failure).</param>
/// <param name="Error">Why it failed (e.g. a timeout, a refused address, a non-<c>2xx</c> status), <c>null</c> when it succeeded.</param>
/// <param name="ResponseBody">The first 8 KiB of what the endpoint answered, as text; <c>null</c> when no response arrived.</param>
/// <param name="Url">Where it was sent: the webhook's URL at the time of the attempt.</param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? ResponseStatus,
    [property: Id(2)] long DurationMs,
    [property: Id(3)] string? Error,
    [property: Id(4)] string? ResponseBody,
    [property: Id(5)] string Url);

namespace Qase.Webhooks.Contracts.Events;

/// <summary>The limits on what a publisher sends, the same for grain callers as for the REST API.</summary>
public static class EventLimits
{
    /// <summary>
    /// The largest event in bytes (256 KiB): a payload's UTF-8 text, and a single-event request body. A payload over it
    /// is refused as <see cref="Problems.ProblemKind.TooLarge"/>.
    /// </summary>
    public const int MaxEventBytes = 256 * 1024;

    /// <summary>The most events in one batch (<c>events</c> holds 1 to 1000).</summary>
    public const int MaxBatchEvents = 1000;

    /// <summary>The longest idempotency key, in characters (the event's <c>id</c> or the <c>Idempotency-Key</c> header).</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>How long a project remembers an idempotency key: a repeat within 24 hours answers the first answer again.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
}

using Qase.Webhooks.Contracts.Delivery;
namespace Qase.Webhooks.Grains.Delivery;

/// <summary>What one HTTP attempt came to.</summary>
/// <param name="TimedOut">No status line arrived within <c>Delivery:Timeout</c>.</param>
/// <param name="RetryAfter">The wait a <c>429</c> or <c>503</c> asked for, if any.</param>
public sealed record SendResult(
    DateTimeOffset At,
    int? Status,
    long DurationMs,
    string? Error,
    string? ResponseBody,
    bool TimedOut,
    TimeSpan? RetryAfter,
    string Url)
{
    public bool Succeeded => Status is >= 200 and <= 299;

    public DeliveryAttempt ToAttempt() => new(At, Status, DurationMs, Error, ResponseBody, Url);
}

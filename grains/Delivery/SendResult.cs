using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// What one HTTP attempt came to. Everything a receiver said enters the service here, so the error and the
/// body are made <see cref="StoredText"/> here: the log, the webhook's last error and the owner's mail all take them from it.
/// </summary>
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
    /// <summary>An error names what went wrong; a receiver's bad header line copied into it is cut short.</summary>
    public const int MaxErrorLength = 1000;

    private readonly string? _error = StoredText.Clean(Error, MaxErrorLength);
    private readonly string? _responseBody = StoredText.Clean(ResponseBody);

    public string? Error { get => _error; init => _error = StoredText.Clean(value, MaxErrorLength); }

    public string? ResponseBody { get => _responseBody; init => _responseBody = StoredText.Clean(value); }

    public bool Succeeded => Status is >= 200 and <= 299;

    public DeliveryAttempt ToAttempt() => new(At, Status, DurationMs, Error, ResponseBody, Url);

    /// <summary>What the attempt means for the webhook's health.</summary>
    public AttemptFact ToFact() => new(At, Succeeded, TimedOut, Status, Error);
}

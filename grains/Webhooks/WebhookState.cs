using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Storage;
namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// What a webhook grain persists. It is written on configuration changes and health transitions
/// (a streak starting or ending, a disabling), never per delivery.
/// </summary>
[GenerateSerializer, Alias("qase.WebhookState"), SealedAtRest]
public sealed class WebhookState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string Url { get; set; } = "";
    [Id(2)] public string? Secret { get; set; }
    [Id(3)] public List<string> Events { get; set; } = [];
    [Id(4)] public string? NotifyEmail { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary><c>null</c> while enabled; the reason it was taken out of service otherwise.</summary>
    [Id(7)] public DisabledReason? DisabledReason { get; set; }
    [Id(8)] public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>First failure of the current streak; <c>null</c> when healthy.</summary>
    [Id(9)] public DateTimeOffset? FailingSince { get; set; }
    [Id(10)] public DateTimeOffset? LastSuccessAt { get; set; }
    [Id(11)] public DateTimeOffset? LastFailureAt { get; set; }
    [Id(12)] public string? LastError { get; set; }

    /// <summary>An automatic disabling whose mail is not queued yet: written with the disabling, so the mail is never lost.</summary>
    [Id(13)] public bool NoticePending { get; set; }

    /// <summary>When the last disabling mails were queued, within the past day: what <c>Health:MaxMailsPerDay</c> counts.</summary>
    [Id(14)] public List<DateTimeOffset> MailsQueuedAt { get; set; } = [];

    /// <summary>The secret before the last rotation: it still signs while <see cref="RotationEndsAt"/> is ahead.</summary>
    [Id(20)] public string? PreviousSecret { get; set; }

    /// <summary>The end of the last rotation's overlap; past it the previous secret and key sign nothing (no write needed then).</summary>
    [Id(21)] public DateTimeOffset? RotationEndsAt { get; set; }

    [Id(22)] public SignatureScheme SignatureScheme { get; set; }

    /// <summary>An Ed25519 webhook's private key, as its 32-byte seed; never answered, logged or recorded.</summary>
    [Id(23)] public byte[]? SigningKey { get; set; }

    /// <summary>The private key before the last rotation, signing beside the new one until <see cref="RotationEndsAt"/>.</summary>
    [Id(24)] public byte[]? PreviousSigningKey { get; set; }

    /// <summary>Attempts per second at most; <c>null</c>: no limit.</summary>
    [Id(30)] public int? RateLimit { get; set; }

    /// <summary>One delivery at a time, in the order the project accepted the events.</summary>
    [Id(31)] public bool Ordered { get; set; }

    public bool Enabled => DisabledReason is null;

    /// <summary>Back in service: a webhook enabled again starts with a clean record, its old streak forgotten.</summary>
    public void MarkEnabled(DateTimeOffset at)
    {
        DisabledReason = null;
        DisabledAt = null;
        FailingSince = null;
        UpdatedAt = at;
    }

    /// <summary>Out of service for <paramref name="reason"/>, by hand or by the health rules.</summary>
    public void MarkDisabled(DisabledReason reason, DateTimeOffset at)
    {
        DisabledReason = reason;
        DisabledAt = at;
        UpdatedAt = at;
    }
}

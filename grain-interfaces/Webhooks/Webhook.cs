using Qase.Webhooks.Contracts.Projects;
namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// A webhook as callers see it. The secret is write-only: only whether one is set shows. Times are UTC to the
/// millisecond (RFC 3339 on the REST API, under the same names in <c>snake_case</c>).
/// </summary>
/// <param name="Id">The webhook's id (<c>wh_…</c>), the last part of its grain key.</param>
/// <param name="ProjectCode">The project's code, upper-case.</param>
/// <param name="Title">The webhook's title.</param>
/// <param name="Url">Where deliveries go; pending retries always use the current one.</param>
/// <param name="Events">The event types it subscribes to, in the order given, without repeats.</param>
/// <param name="Enabled">Whether it takes deliveries: <c>true</c> exactly when <see cref="DisabledReason"/> is <c>null</c>.</param>
/// <param name="HasSecret">Whether a secret is set (<c>has_secret</c>).</param>
/// <param name="DisabledReason">Why it is disabled; <c>null</c> while enabled.</param>
/// <param name="DisabledAt">When it was disabled; <c>null</c> while enabled.</param>
/// <param name="FailingSince">The first failure of the current failure streak; <c>null</c> when healthy.</param>
/// <param name="LastSuccessAt">When a delivery attempt last succeeded (test deliveries do not count); <c>null</c> if none has.</param>
/// <param name="LastFailureAt">When a delivery attempt last failed (test deliveries do not count); <c>null</c> if none has.</param>
/// <param name="LastError">Why that last failed attempt failed; <c>null</c> if none has.</param>
/// <param name="NotifyEmail">Where automatic disabling mails go; <c>null</c>: to the workspace's owner email.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed, by a caller or by an automatic disabling.</param>
/// <param name="SignatureScheme">How deliveries are signed (<c>signature_scheme</c>).</param>
/// <param name="PublicKey">
/// The Ed25519 public key receivers check <c>v1a</c> signatures with, <c>whpk_</c> and the base64 of its 32 bytes;
/// <c>null</c> for <see cref="Webhooks.SignatureScheme.Hmac"/>.
/// </param>
/// <param name="SecretRotationEndsAt">
/// Until when the secret (and key) before the last rotation still signs beside the new one; <c>null</c> when no old
/// one is live.
/// </param>
/// <param name="RateLimit">At most this many attempts start per second (<c>rate_limit</c>); <c>null</c>: no limit.</param>
/// <param name="Ordered">Deliveries go one at a time in the order their events were accepted, a failure holding the rest.</param>
[GenerateSerializer, Immutable, Alias("qase.Webhook")]
public sealed record Webhook(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string Url,
    [property: Id(4)] IReadOnlyList<string> Events,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] bool HasSecret,
    [property: Id(7)] DisabledReason? DisabledReason,
    [property: Id(8)] DateTimeOffset? DisabledAt,
    [property: Id(9)] DateTimeOffset? FailingSince,
    [property: Id(10)] DateTimeOffset? LastSuccessAt,
    [property: Id(11)] DateTimeOffset? LastFailureAt,
    [property: Id(12)] string? LastError,
    [property: Id(13)] string? NotifyEmail,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(20)] SignatureScheme SignatureScheme = SignatureScheme.Hmac,
    [property: Id(21)] string? PublicKey = null,
    [property: Id(22)] DateTimeOffset? SecretRotationEndsAt = null,
    [property: Id(30)] int? RateLimit = null,
    [property: Id(31)] bool Ordered = false);

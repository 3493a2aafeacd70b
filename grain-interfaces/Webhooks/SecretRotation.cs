using System.Text;

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>What a caller sends to rotate a webhook's secret (<see cref="IWebhookGrain.RotateSecret"/>).</summary>
/// <param name="Secret">
/// The new secret (<c>secret</c>), checked as <see cref="NewWebhook.Secret"/>; <c>null</c>: the service generates a
/// <c>whsec_</c> secret of 24 random bytes and answers it once.
/// </param>
/// <param name="Overlap">
/// How long the old secret (and an <see cref="SignatureScheme.Ed25519"/> webhook's old private key) still signs
/// beside the new one (<c>overlap</c>): zero to <see cref="MaxOverlap"/>; <c>null</c>: <see cref="DefaultOverlap"/>.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.SecretRotation")]
public sealed record SecretRotation(
    [property: Id(0)] string? Secret,
    [property: Id(1)] TimeSpan? Overlap = null)
{
    /// <summary>The overlap when none is given: a day.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    /// <summary>The longest overlap: a week.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    // A record prints its members; the secret must never reach a log line that prints this one.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Secret = ").Append(Secret is null ? "null" : "[redacted]").Append(", Overlap = ").Append(Overlap);
        return true;
    }
}

using System.Text;

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>The answer of <see cref="IWebhookGrain.RotateSecret"/>.</summary>
/// <param name="Secret">The secret the service generated, shown this once; <c>null</c> when the caller gave one.</param>
/// <param name="Webhook">The webhook as rotated, its <see cref="Webhook.SecretRotationEndsAt"/> set while the old secret signs.</param>
[GenerateSerializer, Immutable, Alias("qase.RotatedSecret")]
public sealed record RotatedSecret(
    [property: Id(0)] string? Secret,
    [property: Id(1)] Webhook Webhook)
{
    // A record prints its members; the secret must never reach a log line that prints this one.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Secret = ").Append(Secret is null ? "null" : "[redacted]").Append(", Webhook = ").Append(Webhook);
        return true;
    }
}

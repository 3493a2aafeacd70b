namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// How a webhook's deliveries are signed (<c>signature_scheme</c>: <c>hmac</c> or <c>ed25519</c>). Either way a webhook
/// with a secret also sends the <c>v1</c> HMAC, so a receiver can move from one to the other without a gap.
/// </summary>
public enum SignatureScheme
{
    /// <summary>Standard Webhooks <c>v1</c>: HMAC-SHA256 keyed by the secret (unsigned without one).</summary>
    Hmac = 0,

    /// <summary>
    /// Standard Webhooks <c>v1a</c>: Ed25519 by a key pair the service makes for the webhook; its public key shows
    /// as <see cref="Webhook.PublicKey"/> and its private key never leaves the service.
    /// </summary>
    Ed25519 = 1,
}

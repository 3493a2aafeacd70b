using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>What a webhook's owner sees of its state: never a secret or private key, only that one is set.</summary>
public static class WebhookView
{
    /// <param name="publicKey">The Ed25519 public key to verify with, or <c>null</c> for HMAC.</param>
    public static Webhook Of(WebhookState data, string webhookId, string projectCode, string? publicKey, DateTimeOffset now) => new(
        webhookId, projectCode, data.Title, data.Url, data.Events, data.Enabled, data.Secret is not null,
        data.DisabledReason, data.DisabledAt, data.FailingSince, data.LastSuccessAt, data.LastFailureAt,
        data.LastError, data.NotifyEmail, data.CreatedAt, data.UpdatedAt,
        data.SignatureScheme, publicKey, data.RotationEndsAt > now ? data.RotationEndsAt : null, // an ended overlap is not shown
        data.RateLimit, data.Ordered);
}

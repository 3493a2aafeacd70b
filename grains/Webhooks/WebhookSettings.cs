using System.Security.Cryptography;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// A webhook's configuration rules: each request is validated whole (every bad field named at once)
/// and then applied to <see cref="WebhookState"/>. Pure apart from the keys and secrets it makes, so the
/// grain only decides when to apply and what to write.
/// </summary>
public static class WebhookSettings
{
    /// <summary>Fills a new webhook's state; <c>enabled: false</c> creates it disabled by hand.</summary>
    public static void Create(WebhookState data, NewWebhook webhook, bool allowPrivateNetworks, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var events = FieldRules.Webhook(errors, webhook.Title, webhook.Url, webhook.Secret, webhook.Events, webhook.NotifyEmail,
            allowPrivateNetworks, partial: false)!;
        var scheme = FieldRules.Scheme(errors, "signature_scheme", webhook.SignatureScheme) ?? SignatureScheme.Hmac;
        FieldRules.RateLimit(errors, "rate_limit", webhook.RateLimit);
        errors.ThrowIfAny();

        data.Title = webhook.Title!;
        data.Url = webhook.Url!;
        data.Secret = webhook.Secret;
        data.Events = [.. events];
        data.NotifyEmail = webhook.NotifyEmail;
        data.RateLimit = webhook.RateLimit;
        data.Ordered = webhook.Ordered ?? false;
        data.CreatedAt = now;
        data.UpdatedAt = now;
        if (webhook.Enabled == false)
        {
            data.MarkDisabled(DisabledReason.Manual, now);
        }
        UseScheme(data, scheme);
    }

    /// <summary>Applies a patch: its configuration fields, and <see cref="WebhookPatch.Enabled"/> as a turn by hand.</summary>
    public static void Update(WebhookState data, WebhookPatch patch, bool allowPrivateNetworks, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var events = FieldRules.Webhook(errors, patch.Title, patch.Url, patch.Secret, patch.Events, patch.NotifyEmail,
            allowPrivateNetworks, partial: true);
        var scheme = FieldRules.Scheme(errors, "signature_scheme", patch.SignatureScheme);
        if (!patch.RemoveRateLimit)
        {
            FieldRules.RateLimit(errors, "rate_limit", patch.RateLimit);
        }
        errors.ThrowIfAny();

        data.Title = patch.Title ?? data.Title;
        if (patch.Url is not null && patch.Url != data.Url)
        {
            data.Url = patch.Url;
            data.FailingSince = null; // a new endpoint starts with a clean record
        }
        if (patch.RemoveSecret || patch.Secret is not null)
        {
            data.Secret = patch.RemoveSecret ? null : patch.Secret;
            data.PreviousSecret = null; // a secret set by hand replaces the old one at once; rotate-secret is the way to overlap
        }
        data.Events = events is null ? data.Events : [.. events];
        data.NotifyEmail = patch.RemoveNotifyEmail ? null : patch.NotifyEmail ?? data.NotifyEmail;
        data.RateLimit = patch.RemoveRateLimit ? null : patch.RateLimit ?? data.RateLimit;
        data.Ordered = patch.Ordered ?? data.Ordered;
        data.UpdatedAt = now;
        if (scheme is { } changed)
        {
            UseScheme(data, changed);
        }
        EndRotation(data, now);
        if (patch.Enabled is { } enabled)
        {
            Turn(data, enabled, now);
        }
    }

    /// <summary>Rotates the secret (and an Ed25519 key); returns the secret it generated, or <c>null</c> when one was given.</summary>
    public static string? Rotate(WebhookState data, SecretRotation rotation, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (rotation.Secret is not null)
        {
            FieldRules.Secret(errors, "secret", rotation.Secret);
        }
        var overlap = rotation.Overlap ?? SecretRotation.DefaultOverlap;
        FieldRules.Overlap(errors, "overlap", overlap);
        errors.ThrowIfAny();

        var generated = rotation.Secret is null ? NewSecret() : null;
        var overlaps = overlap > TimeSpan.Zero;
        // The current secret and key become the previous ones; a previous one still live from an earlier rotation is dropped.
        var secret = rotation.Secret ?? generated;
        data.PreviousSecret = overlaps && data.Secret != secret ? data.Secret : null;
        data.Secret = secret;
        if (data.SignatureScheme == SignatureScheme.Ed25519)
        {
            data.PreviousSigningKey = overlaps ? data.SigningKey : null;
            data.SigningKey = WebhookSigner.NewPrivateKey();
        }
        data.RotationEndsAt = now + overlap;
        data.UpdatedAt = now;
        EndRotation(data, now);
        return generated;
    }

    private static void Turn(WebhookState data, bool enabled, DateTimeOffset now)
    {
        if (enabled)
        {
            data.MarkEnabled(now);
        }
        else
        {
            data.MarkDisabled(DisabledReason.Manual, now);
        }
    }

    // Switching to Ed25519 makes a key pair; switching away drops it, with any previous key.
    private static void UseScheme(WebhookState data, SignatureScheme scheme)
    {
        if (scheme == data.SignatureScheme && (scheme == SignatureScheme.Hmac || data.SigningKey is not null))
        {
            return;
        }
        data.SignatureScheme = scheme;
        data.SigningKey = scheme == SignatureScheme.Ed25519 ? WebhookSigner.NewPrivateKey() : null;
        data.PreviousSigningKey = null;
    }

    // Forgets what no longer signs: an overlap that has ended, or one with nothing old left in it.
    private static void EndRotation(WebhookState data, DateTimeOffset now)
    {
        if (data.RotationEndsAt <= now || (data.PreviousSecret is null && data.PreviousSigningKey is null))
        {
            data.PreviousSecret = null;
            data.PreviousSigningKey = null;
            data.RotationEndsAt = null;
        }
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}

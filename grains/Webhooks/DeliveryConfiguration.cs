using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// What a webhook's deliveries read per attempt: its URL and signing material, its rate limit and ordering. Made once
/// per configuration change, not per attempt, since decoding secrets and importing keys costs more than signing.
/// Disposes the signing material it replaces, on the grain's turn, so no attempt signs with a disposed one.
/// </summary>
public sealed class DeliveryConfiguration : IDisposable
{
    public DeliveryEndpoint Endpoint { get; private set; } = new("", WebhookSigner.Unsigned);

    public DeliveryControls Controls { get; private set; } = DeliveryControls.None;

    /// <summary>Takes the webhook's configuration as it is now; answers whether its rate limit or ordering changed.</summary>
    public bool Apply(WebhookState data)
    {
        var controls = Controls;
        Controls = new DeliveryControls(data.RateLimit, data.Ordered);
        var replaced = Endpoint.Signer;
        Endpoint = new DeliveryEndpoint(data.Url,
            WebhookSigner.For(data.Secret, data.PreviousSecret, data.SigningKey, data.PreviousSigningKey, data.RotationEndsAt));
        if (!ReferenceEquals(replaced, Endpoint.Signer))
        {
            replaced.Dispose();
        }
        return Controls != controls;
    }

    /// <summary>The key objects hold their private keys in memory of their own: let go of them with the activation.</summary>
    public void Dispose() => Endpoint.Signer.Dispose();
}

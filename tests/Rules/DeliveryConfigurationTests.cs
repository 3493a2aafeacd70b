using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>What a webhook's deliveries read per attempt, made once per configuration change.</summary>
public sealed class DeliveryConfigurationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = "{\"event_name\":\"run.completed\"}"u8.ToArray();

    private static WebhookState Hmac(string? secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") =>
        new() { Url = "https://ci.example.com/hook", Secret = secret };

    [Fact]
    public void Before_any_configuration_nothing_signs_and_nothing_paces()
    {
        using var delivery = new DeliveryConfiguration();

        Assert.Same(WebhookSigner.Unsigned, delivery.Endpoint.Signer);
        Assert.Equal(DeliveryControls.None, delivery.Controls);
    }

    [Fact]
    public void It_takes_the_url_the_secret_and_the_controls()
    {
        using var delivery = new DeliveryConfiguration();
        var data = Hmac();
        data.RateLimit = 5;
        data.Ordered = true;

        Assert.True(delivery.Apply(data));

        Assert.Equal("https://ci.example.com/hook", delivery.Endpoint.Url);
        Assert.Equal(data.Secret, delivery.Endpoint.Signer.Secret);
        Assert.NotNull(delivery.Endpoint.Signer.Sign("dlv_1", 1_700_000_000, Body, Now));
        Assert.Equal(new DeliveryControls(5, true), delivery.Controls);
    }

    [Fact]
    public void It_tells_whether_the_rate_limit_or_ordering_changed()
    {
        using var delivery = new DeliveryConfiguration();
        var data = Hmac();
        delivery.Apply(data);

        data.Url = "https://ci.example.com/other";
        Assert.False(delivery.Apply(data));

        data.RateLimit = 10;
        Assert.True(delivery.Apply(data));

        data.RateLimit = null;
        data.Ordered = true;
        Assert.True(delivery.Apply(data));
        Assert.False(delivery.Apply(data));
    }

    [Fact]
    public void A_replaced_key_is_disposed_and_the_new_one_signs()
    {
        using var delivery = new DeliveryConfiguration();
        var data = new WebhookState { Url = "https://ci.example.com/hook", SignatureScheme = SignatureScheme.Ed25519, SigningKey = WebhookSigner.NewPrivateKey() };
        delivery.Apply(data);
        var replaced = delivery.Endpoint.Signer;

        data.SigningKey = WebhookSigner.NewPrivateKey();
        delivery.Apply(data);

        Assert.NotSame(replaced, delivery.Endpoint.Signer);
        Assert.NotEqual(replaced.PublicKey, delivery.Endpoint.Signer.PublicKey);
        Assert.Throws<ObjectDisposedException>(() => replaced.Sign("dlv_1", 1_700_000_000, Body, Now));
        Assert.NotNull(delivery.Endpoint.Signer.Sign("dlv_1", 1_700_000_000, Body, Now));
    }

    [Fact]
    public void Removing_the_secret_leaves_an_unsigned_endpoint_that_survives_disposal()
    {
        var delivery = new DeliveryConfiguration();
        delivery.Apply(Hmac());

        delivery.Apply(Hmac(secret: null));
        delivery.Dispose();

        Assert.Same(WebhookSigner.Unsigned, delivery.Endpoint.Signer);
        Assert.Null(WebhookSigner.Unsigned.Sign("dlv_1", 1_700_000_000, Body, Now));
        Assert.Null(WebhookSigner.Unsigned.Secret);
    }
}

using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

[Collection(DeliveryCollection.Name)]
public sealed class SignatureTests(DeliveryServer server)
{
    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("a plain shared secret")]
    public async Task Signature_checks_out_with_the_Standard_Webhooks_scheme(string secret)
    {
        var (_, client) = await server.Api.CreateProject("SIG");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], secret, code: "SIG");

        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "SIG");
        var request = Assert.Single(await server.Receiver.WaitFor(path, 1));

        Assert.Equal(secret, request.Header("X-Qase-Secret"));
        Assert.True(StandardWebhooksVerifier.Verify(secret, request.Header("webhook-id"), request.Header("webhook-timestamp"),
            request.Body, request.Header("webhook-signature")), "the signature does not verify");
        var wrongSecret = secret.StartsWith("whsec_") ? "whsec_" + Convert.ToBase64String(new byte[24]) : secret + "x";
        Assert.False(StandardWebhooksVerifier.Verify(wrongSecret, request.Header("webhook-id"), request.Header("webhook-timestamp"),
            request.Body, request.Header("webhook-signature")), "a wrong secret must not verify");
        Assert.False(StandardWebhooksVerifier.Verify(secret, request.Header("webhook-id"), request.Header("webhook-timestamp"),
            [.. request.Body, (byte)' '], request.Header("webhook-signature")), "a changed body must not verify");
    }

    [Fact]
    public void A_known_Standard_Webhooks_vector_verifies()
    {
        // The example of the Standard Webhooks reference libraries.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        const long timestamp = 1614265330;
        var body = System.Text.Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        var signature = WebhookSignature.Sign(secret, id, timestamp, body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.True(StandardWebhooksVerifier.Verify(secret, id, timestamp.ToString(), body, signature));
    }
}

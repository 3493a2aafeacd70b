using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// Real deliveries checked by a receiver using the published Standard Webhooks library (npm
/// <c>standardwebhooks</c>, pinned in tests/standard-webhooks-check), not by our own reading of the spec.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class StandardWebhooksLibraryTests(DeliveryServer server)
{
    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("a plain shared secret")]
    public async Task A_delivery_verifies_with_the_published_Standard_Webhooks_library(string secret)
    {
        var (_, client) = await server.Api.CreateProject("SWL");
        var path = DeliveryServer.NewPath();
        await DeliveryServer.CreateWebhook(client, server.Receiver.Url(path), ["case.created"], secret, code: "SWL");

        await DeliveryServer.Publish(client, "case.created", new { id = 1, title = "Überprüfung ✓" }, code: "SWL");
        var request = Assert.Single(await server.Receiver.WaitFor(path, 1));

        var verified = await Verify(secret, request, request.Text);
        Assert.True(verified.ExitCode == 0 && verified.Stdout.Trim() == "ok", $"the library rejected the delivery: {verified}");
        var tampered = await Verify(secret, request, request.Text + " ");
        Assert.True(tampered.ExitCode == 1 && tampered.Stderr.Contains("No matching signature found"),
            $"the library must reject a changed body: {tampered}");
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Verify(string secret, ReceivedRequest request, string body) =>
        NodeScript.Run("verify.mjs", JsonSerializer.Serialize(new
        {
            secret,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = request.Header("webhook-id"),
                ["webhook-timestamp"] = request.Header("webhook-timestamp"),
                ["webhook-signature"] = request.Header("webhook-signature"),
            },
            body,
        }));
}

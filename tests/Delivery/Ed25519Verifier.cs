using System.Text.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// A receiver's check of Standard Webhooks <c>v1a</c> signatures with an Ed25519 implementation independent of the
/// service's: Node's <c>crypto.verify</c>, run by <c>tests/standard-webhooks-check/verify-ed25519.mjs</c>.
/// </summary>
public static class Ed25519Verifier
{
    /// <summary>For each <c>v1a</c> signature of the request, in order, whether it verifies with the public key.</summary>
    public static async Task<bool[]> Verify(string publicKey, ReceivedRequest request, string? body = null)
    {
        var (exitCode, stdout, stderr) = await NodeScript.Run("verify-ed25519.mjs", JsonSerializer.Serialize(new
        {
            public_key = publicKey,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = request.Header("webhook-id"),
                ["webhook-timestamp"] = request.Header("webhook-timestamp"),
                ["webhook-signature"] = request.Header("webhook-signature"),
            },
            body = body ?? request.Text,
        }));
        Assert.True(exitCode == 0, $"verify-ed25519.mjs failed ({exitCode}): {stderr}");
        return JsonDocument.Parse(stdout).RootElement.GetProperty("v1a").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
    }
}

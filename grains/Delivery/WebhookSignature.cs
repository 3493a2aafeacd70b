using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>. A secret of the form <c>whsec_&lt;base64&gt;</c>
/// signs with its decoded bytes, any other secret with its UTF-8 bytes.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), message));
    }

    public static byte[] KeyOf(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            var encoded = secret[SecretPrefix.Length..];
            var buffer = new byte[encoded.Length];
            if (encoded.Length > 0 && Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                return buffer[..written];
            }
        }
        return Encoding.UTF8.GetBytes(secret);
    }
}

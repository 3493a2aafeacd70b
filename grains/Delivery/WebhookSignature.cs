using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>. A secret of the form <c>whsec_&lt;base64&gt;</c>
/// signs with its decoded bytes, any other secret with its UTF-8 bytes. It runs once per attempt, so the
/// key and the signed message live in pooled buffers and only the header's string is allocated.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";
    private const string Version = "v1,";

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var keyBuffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(secret.Length));
        var prefixLength = Encoding.UTF8.GetMaxByteCount(webhookId.Length) + 22; // the id, up to 20 digits, two dots
        var message = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            var key = KeyOf(secret, keyBuffer);
            var length = Encoding.UTF8.GetBytes(webhookId, message);
            message[length++] = (byte)'.';
            Utf8Formatter.TryFormat(timestamp, message.AsSpan(length), out var digits);
            length += digits;
            message[length++] = (byte)'.';
            body.CopyTo(message.AsSpan(length));
            length += body.Length;

            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(keyBuffer.AsSpan(0, key), message.AsSpan(0, length), hash);
            Span<char> text = stackalloc char[Version.Length + 44];
            Version.AsSpan().CopyTo(text);
            Convert.TryToBase64Chars(hash, text[Version.Length..], out var written);
            return new string(text[..(Version.Length + written)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(keyBuffer, clearArray: true);
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    public static byte[] KeyOf(string secret)
    {
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        return buffer[..KeyOf(secret, buffer)];
    }

    // Writes the signing key into buffer (at least the UTF-8 maximum of the secret) and answers its length.
    private static int KeyOf(string secret, Span<byte> buffer)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            && secret.Length > SecretPrefix.Length
            && Convert.TryFromBase64String(secret[SecretPrefix.Length..], buffer, out var written))
        {
            return written;
        }
        return Encoding.UTF8.GetBytes(secret, buffer);
    }
}

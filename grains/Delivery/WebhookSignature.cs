using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The Standard Webhooks signatures over <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>: <c>v1,</c> and the base64
/// HMAC-SHA256 keyed by a secret (a <c>whsec_&lt;base64&gt;</c> secret by its decoded bytes, any other by its UTF-8
/// bytes), and <c>v1a,</c> and the base64 Ed25519 signature. It runs once per attempt, so the signed message lives in a
/// pooled buffer, the signatures on the stack, and only the header's string is allocated.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";
    private const string Version = "v1,";
    private const string AsymmetricVersion = "v1a,";
    private const int HmacTextLength = 44; // base64 of 32 bytes
    private const int Ed25519TextLength = 88; // base64 of 64 bytes

    // The longest header: two v1 and two v1a signatures (a rotation's overlap) and the spaces between them.
    private const int MaxHeaderLength = 2 * (3 + HmacTextLength) + 2 * (4 + Ed25519TextLength) + 3;

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = KeyOf(secret);
        try
        {
            return Sign(webhookId, timestamp, body, key, null, null, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The header for the keys given (any may be <c>null</c>, not all): the HMACs first, then the Ed25519 signatures,
    /// each current one before its previous one.
    /// </summary>
    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body,
        byte[]? hmacKey, byte[]? previousHmacKey, Key? key, Key? previousKey)
    {
        var message = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(webhookId.Length) + 22 + body.Length); // the id, up to 20 digits, two dots
        try
        {
            var signed = message.AsSpan(0, WriteMessage(webhookId, timestamp, body, message));
            Span<char> text = stackalloc char[MaxHeaderLength];
            var length = 0;
            length = AppendHmac(text, length, hmacKey, signed);
            length = AppendHmac(text, length, previousHmacKey, signed);
            length = AppendEd25519(text, length, key, signed);
            length = AppendEd25519(text, length, previousKey, signed);
            return new string(text[..length]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>The HMAC key of a secret: the decoded rest of a <c>whsec_</c> secret, the UTF-8 bytes of any other.</summary>
    public static byte[] KeyOf(string secret)
    {
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            && secret.Length > SecretPrefix.Length
            && Convert.TryFromBase64String(secret[SecretPrefix.Length..], buffer, out var written))
        {
            return buffer[..written];
        }
        return buffer[..Encoding.UTF8.GetBytes(secret, buffer)];
    }

    private static int WriteMessage(string webhookId, long timestamp, ReadOnlySpan<byte> body, Span<byte> message)
    {
        var length = Encoding.UTF8.GetBytes(webhookId, message);
        message[length++] = (byte)'.';
        Utf8Formatter.TryFormat(timestamp, message[length..], out var digits);
        length += digits;
        message[length++] = (byte)'.';
        body.CopyTo(message[length..]);
        return length + body.Length;
    }

    private static int AppendHmac(Span<char> text, int length, byte[]? key, ReadOnlySpan<byte> message)
    {
        if (key is null)
        {
            return length;
        }
        length = AppendVersion(text, length, Version);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, hash);
        Convert.TryToBase64Chars(hash, text[length..], out var written);
        return length + written;
    }

    private static int AppendEd25519(Span<char> text, int length, Key? key, ReadOnlySpan<byte> message)
    {
        if (key is null)
        {
            return length;
        }
        length = AppendVersion(text, length, AsymmetricVersion);
        Span<byte> signature = stackalloc byte[64];
        SignatureAlgorithm.Ed25519.Sign(key, message, signature);
        Convert.TryToBase64Chars(signature, text[length..], out var written);
        return length + written;
    }

    private static int AppendVersion(Span<char> text, int length, string version)
    {
        if (length > 0)
        {
            text[length++] = ' ';
        }
        version.AsSpan().CopyTo(text[length..]);
        return length + version.Length;
    }
}

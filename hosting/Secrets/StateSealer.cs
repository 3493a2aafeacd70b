using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Hosting.Secrets;

/// <summary>
/// Seals bytes with AES-256-GCM under the current key and opens them under whichever configured key they name.
/// A sealed value is <c>"qs"</c>, a format version, the key id, a random 12-byte nonce, the ciphertext and the
/// 16-byte tag. The header and a context (the grain it belongs to) are authenticated too, so a value altered, or
/// copied to another grain's row, does not open.
/// </summary>
public sealed class StateSealer(SealingKeys keys)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const byte Version = 1;

    // '{' starts every state written before sealing (JSON), so the marker tells the two apart.
    private static ReadOnlySpan<byte> Marker => "qs"u8;
    private static readonly int KeyIdAt = Marker.Length + 1;
    private static readonly int NonceAt = KeyIdAt + SealingKey.IdSize;
    private static readonly int HeaderSize = NonceAt + NonceSize;

    public SealingKeys Keys => keys;

    /// <summary>Whether <paramref name="stored"/> is a sealed value rather than a state written in clear.</summary>
    public static bool IsSealed(ReadOnlySpan<byte> stored) => stored.StartsWith(Marker);

    /// <summary>The id of the key a sealed value names, as lower-case hex.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> stored) =>
        stored.Length >= HeaderSize && IsSealed(stored) ? Convert.ToHexStringLower(stored.Slice(KeyIdAt, SealingKey.IdSize)) : "";

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var key = keys.Current;
        var sealedValue = new byte[HeaderSize + plaintext.Length + TagSize];
        var output = sealedValue.AsSpan();
        Marker.CopyTo(output);
        output[Marker.Length] = Version;
        key.Id.Span.CopyTo(output[KeyIdAt..]);
        RandomNumberGenerator.Fill(output.Slice(NonceAt, NonceSize));
        using var cipher = key.Cipher();
        cipher.Encrypt(output.Slice(NonceAt, NonceSize), plaintext, output.Slice(HeaderSize, plaintext.Length),
            output[^TagSize..], AssociatedData(output[..HeaderSize], context));
        return sealedValue;
    }

    /// <exception cref="UnreadableStateException">The value names a key that is not configured, or does not authenticate.</exception>
    public byte[] Open(ReadOnlySpan<byte> stored, string context)
    {
        if (stored.Length < HeaderSize + TagSize || !IsSealed(stored) || stored[Marker.Length] != Version)
        {
            throw new UnreadableStateException(KeyIdOf(stored), UnreadableStateProblem.Malformed);
        }
        var keyId = KeyIdOf(stored);
        var key = keys.Find(keyId) ?? throw new UnreadableStateException(keyId, UnreadableStateProblem.UnknownKey);
        var plaintext = new byte[stored.Length - HeaderSize - TagSize];
        try
        {
            using var cipher = key.Cipher();
            cipher.Decrypt(stored.Slice(NonceAt, NonceSize), stored[HeaderSize..^TagSize], stored[^TagSize..], plaintext,
                AssociatedData(stored[..HeaderSize], context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new UnreadableStateException(keyId, UnreadableStateProblem.NotAuthentic);
        }
        return plaintext;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string context) =>
        [.. header, .. Encoding.UTF8.GetBytes(context)];
}

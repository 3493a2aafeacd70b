using System.Security.Cryptography;

namespace Qase.Webhooks.Hosting.Secrets;

/// <summary>
/// An AES-256 key that seals grain states, and its id: the first 4 bytes of its SHA-256, stored beside each
/// ciphertext so that a read picks the key it was sealed with. The id names the key without revealing it.
/// </summary>
public sealed class SealingKey
{
    public const int Size = 32;
    public const int IdSize = 4;

    private readonly byte[] _key;

    public SealingKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A sealing key is {Size} bytes, not {key.Length}.", nameof(key));
        }
        _key = key.ToArray();
        Id = SHA256.HashData(_key).AsSpan(0, IdSize).ToArray();
        IdText = Convert.ToHexStringLower(Id.Span);
    }

    public ReadOnlyMemory<byte> Id { get; }

    /// <summary>The id as lower-case hex, as logs name it.</summary>
    public string IdText { get; }

    internal AesGcm Cipher() => new(_key, StateSealer.TagSize);
}

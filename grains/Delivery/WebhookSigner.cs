using System.Security.Cryptography;
using NSec.Cryptography;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// The signing material of one webhook configuration: the HMAC key of its secret and, during a rotation's overlap,
/// of the previous one; an Ed25519 webhook's private key (and the previous one) as ready key objects. Decoding
/// secrets and importing keys costs more than signing, so the webhook makes one of these per configuration change
/// and every attempt until the next change signs with it. Whether the previous secret still signs is decided per
/// attempt against its time, so an overlap ends without a write. The webhook disposes a signer it replaces, on its
/// own turn: attempts sign synchronously on the webhook's turn, so none signs with a disposed one.
/// </summary>
public sealed class WebhookSigner : IDisposable
{
    public const string PublicKeyPrefix = "whpk_";

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly byte[]? _hmacKey;
    private readonly byte[]? _previousHmacKey;
    private readonly Key? _key;
    private readonly Key? _previousKey;
    private readonly DateTimeOffset _previousUntil;

    private WebhookSigner(string? secret, byte[]? hmacKey, byte[]? previousHmacKey, Key? key, Key? previousKey,
        DateTimeOffset previousUntil)
    {
        Secret = secret;
        _hmacKey = hmacKey;
        _previousHmacKey = previousHmacKey;
        _key = key;
        _previousKey = previousKey;
        _previousUntil = previousUntil;
        PublicKey = key is null ? null : PublicKeyPrefix + Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Signs nothing and sends no secret.</summary>
    public static WebhookSigner Unsigned { get; } = new(null, null, null, null, null, DateTimeOffset.MinValue);

    /// <summary>What <c>X-Qase-Secret</c> carries: the current secret, or <c>null</c> for none.</summary>
    public string? Secret { get; }

    /// <summary>The current Ed25519 public key as <c>whpk_&lt;base64&gt;</c>, or <c>null</c> without a key pair.</summary>
    public string? PublicKey { get; }

    /// <summary>Whether a delivery gets a <c>webhook-signature</c> at all.</summary>
    public bool Signs => _hmacKey is not null || _key is not null;

    /// <summary>
    /// A signer for a configuration. <paramref name="previousSecret"/> and <paramref name="previousPrivateKey"/> sign
    /// beside the current ones for attempts made before <paramref name="previousUntil"/>.
    /// </summary>
    /// <param name="privateKey">An Ed25519 private key as its 32-byte seed (<see cref="NewPrivateKey"/>).</param>
    public static WebhookSigner For(string? secret, string? previousSecret, byte[]? privateKey, byte[]? previousPrivateKey,
        DateTimeOffset? previousUntil)
    {
        if (secret is null && privateKey is null)
        {
            return Unsigned;
        }
        return new WebhookSigner(secret,
            secret is null ? null : WebhookSignature.KeyOf(secret),
            previousSecret is null ? null : WebhookSignature.KeyOf(previousSecret),
            privateKey is null ? null : Import(privateKey),
            previousPrivateKey is null ? null : Import(previousPrivateKey),
            previousUntil ?? DateTimeOffset.MinValue);
    }

    /// <summary>A new Ed25519 private key, as the 32-byte seed grain state keeps.</summary>
    public static byte[] NewPrivateKey()
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return key.Export(KeyBlobFormat.RawPrivateKey);
    }

    /// <summary>
    /// The <c>webhook-signature</c> of an attempt made at <paramref name="at"/>: the <c>v1</c> HMACs, then the <c>v1a</c>
    /// Ed25519 signatures, each the current one first; <c>null</c> when nothing signs.
    /// </summary>
    public string? Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, DateTimeOffset at)
    {
        if (!Signs)
        {
            return null;
        }
        var overlap = at < _previousUntil;
        return WebhookSignature.Sign(webhookId, timestamp, body, _hmacKey, overlap ? _previousHmacKey : null,
            _key, overlap ? _previousKey : null);
    }

    public void Dispose()
    {
        _key?.Dispose();
        _previousKey?.Dispose();
        CryptographicOperations.ZeroMemory(_hmacKey);
        CryptographicOperations.ZeroMemory(_previousHmacKey);
    }

    private static Key Import(byte[] seed) => Key.Import(Ed25519, seed, KeyBlobFormat.RawPrivateKey);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Api.Auth;

/// <summary>The admin token, kept as its SHA-256 and compared in constant time.</summary>
public sealed class AdminToken
{
    private readonly byte[] _hash;

    private AdminToken(string token, bool generated)
    {
        _hash = Hash(token);
        Generated = generated ? token : null;
    }

    /// <summary>The token in clear when this process made it up, to be shown once at start; <c>null</c> when configured.</summary>
    public string? Generated { get; }

    /// <summary>The configured token (<c>Auth:AdminToken</c>).</summary>
    public static AdminToken From(string token) => new(token, generated: false);

    /// <summary>A fresh random token, for a process that was given none.</summary>
    public static AdminToken Generate() =>
        new("qase_admin_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), generated: true);

    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(_hash, Hash(token));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

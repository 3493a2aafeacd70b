using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Api.Auth;

/// <summary>The admin token, kept as its SHA-256 and compared in constant time.</summary>
public sealed class AdminToken
{
    private readonly byte[] _hash;

    private AdminToken(string token) => _hash = Hash(token);

    public static AdminToken From(string token) => new(token);

    /// <summary>A fresh random token, for a process that was given none.</summary>
    public static string Generate() => "qase_admin_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(_hash, Hash(token));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

using System.Security.Cryptography;
using System.Text;

namespace Qase.Webhooks.Grains.Workspaces;

public static class TokenHash
{
    /// <summary>The key of a token's <see cref="ITokenGrain"/>: lower-case hex SHA-256 of its UTF-8 bytes; tokens are stored as this only.</summary>
    public static string Of(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Security.Cryptography;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The keys that PostgreSQL-mode processes of the tests seal secrets with (<c>Secrets:Key</c>), made once for the tests.</summary>
public static class TestSecrets
{
    /// <summary>What every PostgreSQL-mode process of the tests gets as <c>Secrets:Key</c> unless a test says otherwise.</summary>
    public const string Key = "DFaPl3XQz38TvFdLK+UfmTKtS/JF67UXvIRvPLKnaSk=";

    /// <summary>A second key, for the tests that rotate to it.</summary>
    public const string NextKey = "E2v4F0aJm5+FpwYJsGBh0AoZwDXkc90g0GJ/Hxvs5OE=";

    /// <summary>A third key that no row of the tests is sealed under until a test uses it.</summary>
    public const string OtherKey = "nt5fFXezlnltdY6GecCS8SJd5c095HiMx0RevxOzADc=";

    /// <summary>The key id a sealed row carries: the first 4 bytes of the key's SHA-256, as lower-case hex.</summary>
    public static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(key))[..4]);
}

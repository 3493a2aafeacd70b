using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Qase.Webhooks.Hosting.Secrets;

/// <summary>
/// <c>Secrets:Key</c>, which seals every write, and <c>Secrets:PreviousKeys</c>, still accepted for reading so that
/// the key can be rotated. Both are base64 of 32 bytes; the list may be a configuration array or comma-separated.
/// </summary>
public sealed class SealingKeys
{
    public const string Section = "Secrets";
    public const string KeyName = "Secrets:Key";
    public const string PreviousKeysName = "Secrets:PreviousKeys";
    public const string HowToMakeOne = "openssl rand -base64 32";

    private readonly Dictionary<string, SealingKey> _byId;

    public SealingKeys(SealingKey current, IEnumerable<SealingKey> previous)
    {
        Current = current;
        _byId = new Dictionary<string, SealingKey>(StringComparer.Ordinal) { [current.IdText] = current };
        foreach (var key in previous)
        {
            _byId.TryAdd(key.IdText, key);
        }
    }

    public SealingKey Current { get; }

    /// <summary>Every key accepted for reading, the current one first.</summary>
    public IReadOnlyCollection<SealingKey> All => _byId.Values;

    public SealingKey? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The keys as configured; <c>null</c> when <c>Secrets:Key</c> is absent (the embedded mode needs none). A malformed
    /// key stops the start with its name.
    /// </summary>
    public static SealingKeys? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["Key"]))
        {
            return null;
        }
        var current = Parse(KeyName, section["Key"]!);
        var previousSection = section.GetSection("PreviousKeys");
        var listed = (previousSection.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((value, i) => (Name: $"{PreviousKeysName}[{i}]", Value: value))
            .Concat(previousSection.GetChildren()
                .Where(child => !string.IsNullOrWhiteSpace(child.Value))
                .Select(child => (Name: $"{PreviousKeysName}:{child.Key}", Value: child.Value!.Trim())));
        return new SealingKeys(current, [.. listed.Select(key => Parse(key.Name, key.Value))]);
    }

    /// <summary>The start-up error of a durable store without <c>Secrets:Key</c>.</summary>
    public static OptionsValidationException Missing() =>
        Invalid(KeyName, $"{KeyName} is required in PostgreSQL mode: the base64 of 32 random bytes ({HowToMakeOne}); it encrypts webhook secrets at rest.");

    private static SealingKey Parse(string name, string value)
    {
        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written))
        {
            throw Invalid(name, $"{name} is not base64: it must be the base64 of 32 random bytes ({HowToMakeOne}).");
        }
        return written == SealingKey.Size
            ? new SealingKey(buffer.AsSpan(0, written))
            : throw Invalid(name, $"{name} must be the base64 of exactly 32 bytes, not {written} ({HowToMakeOne}).");
    }

    private static OptionsValidationException Invalid(string name, string message) =>
        new(name, typeof(SealingKeys), [message]);
}

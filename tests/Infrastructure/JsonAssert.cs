using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Checks of the wire format: field names, timestamps, nulls.</summary>
public static partial class JsonAssert
{
    /// <summary>Asserts that the object has exactly these fields (nulls included, as the contract wants them present).</summary>
    public static void Fields(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>Asserts that the field is present and <c>null</c>.</summary>
    public static void Null(JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"'{name}' is missing from {element}");
        Assert.True(value.ValueKind == JsonValueKind.Null, $"'{name}' should be null in {element}");
    }

    /// <summary>Asserts an RFC 3339 UTC timestamp ending in Z with at most millisecond precision, within a minute of now.</summary>
    public static DateTimeOffset Timestamp(JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"'{name}' is missing from {element}");
        var text = value.GetString();
        Assert.True(text is not null && TimestampPattern().IsMatch(text), $"'{name}' is not an RFC 3339 UTC timestamp: {text}");
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(parsed, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        return parsed;
    }

    /// <summary>Asserts an RFC 3339 UTC timestamp as <see cref="Timestamp"/> does, at any time (a deadline ahead, say).</summary>
    public static DateTimeOffset Instant(JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"'{name}' is missing from {element}");
        var text = value.GetString();
        Assert.True(text is not null && TimestampPattern().IsMatch(text), $"'{name}' is not an RFC 3339 UTC timestamp: {text}");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static string String(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new Xunit.Sdk.XunitException($"'{name}' is null in {element}");

    public static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    public static JsonElement[] Items(JsonElement list)
    {
        Fields(list, "items");
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    /// <summary>A request body sent exactly as written.</summary>
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$")]
    private static partial Regex TimestampPattern();
}

using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Json.Schema;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Contracts.Problems;

namespace Qase.Webhooks.Grains.Validation;

/// <summary>
/// The event types' payload schemas, built once from <see cref="EventCatalog"/> when payload validation is on
/// (<c>Events:ValidatePayloads</c>), and the check of a published payload against its type's schema.
/// </summary>
public sealed class PayloadSchemas
{
    /// <summary>The most messages one payload adds, so that a large array of bad items cannot make a huge answer.</summary>
    public const int MaxErrorsPerPayload = 10;

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private readonly FrozenDictionary<string, CompiledSchema>? _schemas;

    public PayloadSchemas(EventOptions options)
    {
        // Nothing is built when validation is off: publishing then never touches a schema.
        _schemas = options.ValidatePayloads ? Build() : null;
    }

    /// <summary>Whether published payloads are checked.</summary>
    public bool Enabled => _schemas is not null;

    /// <summary>Builds every type's schema; each has its own registry, so that building twice never clashes on an <c>$id</c>.</summary>
    public static FrozenDictionary<string, CompiledSchema> Build()
    {
        var registry = new SchemaRegistry();
        return EventCatalog.All.ToFrozenDictionary(
            type => type.Name,
            type => new CompiledSchema(
                JsonSchema.FromText(type.Schema, new BuildOptions { SchemaRegistry = registry }),
                JsonSerializer.Deserialize<JsonElement>(type.Schema)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks <paramref name="payload"/> (a JSON object) against the schema of <paramref name="eventName"/> (a known type),
    /// adding a message per failing location, keyed <paramref name="field"/> and the JSON path (<c>payload.steps[0].action</c>).
    /// </summary>
    public void Check(ValidationErrors errors, string field, string eventName, ReadOnlySpan<byte> payload)
    {
        if (_schemas is not null)
        {
            Check(_schemas[eventName], errors, field, payload);
        }
    }

    /// <summary>Checks a payload against one built schema; answers whether it matched.</summary>
    public static bool Check(CompiledSchema schema, ValidationErrors errors, string field, ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        var results = schema.Schema.Evaluate(document.RootElement, Evaluation);
        if (results.IsValid)
        {
            return true;
        }
        var added = 0;
        foreach (var node in (IEnumerable<EvaluationResults>)[results, .. results.Details ?? []])
        {
            if (node.Errors is not { Count: > 0 } messages)
            {
                continue;
            }
            var instance = node.InstanceLocation.ToString();
            var path = PathOf(field, instance, document.RootElement);
            foreach (var (keyword, message) in messages)
            {
                // A missing property is named where it belongs (payload.title), not by the object that lacks it.
                IEnumerable<string> at = keyword == "required"
                    ? [.. Missing(schema.Document, node.EvaluationPath.ToString(), At(document.RootElement, instance)).Select(name => path + Segment(name))]
                    : [];
                foreach (var key in at.DefaultIfEmpty(path))
                {
                    if (added++ == MaxErrorsPerPayload)
                    {
                        return false;
                    }
                    errors.Add(key, message);
                }
            }
        }
        return false;
    }

    /// <summary>A JSON Pointer into the payload as a path after the field: <c>/steps/0/action</c> is <c>payload.steps[0].action</c>.</summary>
    public static string PathOf(string field, string pointer, JsonElement root)
    {
        var path = new StringBuilder(field);
        var at = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (at.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < at.GetArrayLength())
            {
                path.Append('[').Append(index).Append(']');
                at = at[index];
                continue;
            }
            path.Append(Segment(segment));
            at = at.ValueKind == JsonValueKind.Object && at.TryGetProperty(segment, out var child) ? child : default;
        }
        return path.ToString();
    }

    // The names the subschema at evaluationPath requires that the instance object does not have.
    private static IEnumerable<string> Missing(JsonElement schema, string evaluationPath, JsonElement instance) =>
        At(schema, evaluationPath) is { ValueKind: JsonValueKind.Object } subschema
        && subschema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
        && instance.ValueKind == JsonValueKind.Object
            ? required.EnumerateArray().Select(r => r.GetString()!).Where(name => !instance.TryGetProperty(name, out _))
            : [];

    // The element a JSON Pointer names, or an undefined element when it names none.
    private static JsonElement At(JsonElement root, string pointer)
    {
        var at = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            at = at.ValueKind switch
            {
                JsonValueKind.Object when at.TryGetProperty(segment, out var child) => child,
                JsonValueKind.Array when int.TryParse(segment, out var index) && index >= 0 && index < at.GetArrayLength() => at[index],
                _ => default,
            };
        }
        return at;
    }

    private static string Segment(string name) => IsPlainName(name) ? $".{name}" : $"[{JsonSerializer.Serialize(name)}]";

    private static bool IsPlainName(string segment) =>
        segment.Length > 0 && !char.IsAsciiDigit(segment[0]) && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qase.Webhooks.Contracts.Catalog;

/// <summary>
/// Reads the event types' schemas embedded from <c>Catalog/Schemas</c>: one file per type, whose references to
/// <c>definitions.json</c> (the objects several types share) are inlined, so each served schema stands alone.
/// </summary>
internal static class EventSchemaFiles
{
    private const string ResourcePrefix = "Qase.Webhooks.Contracts.Catalog.Schemas.";
    private const string DefinitionsRef = "definitions.json#/$defs/";

    private static readonly JsonObject Definitions = Read("definitions")["$defs"]?.AsObject()
        ?? throw new InvalidOperationException("definitions.json has no $defs.");

    /// <summary>The type's title, its bundled schema and its example, each as compact JSON text where it is JSON.</summary>
    public static (string Title, string Schema, string Example) Load(string name)
    {
        var schema = Inline(Read(name), name)!.AsObject();
        var title = schema["title"]?.GetValue<string>() ?? throw new InvalidOperationException($"The schema of {name} has no title.");
        var example = schema["examples"] is JsonArray { Count: 1 } examples && examples[0] is JsonObject one
            ? one.ToJsonString()
            : throw new InvalidOperationException($"The schema of {name} must carry exactly one example object.");
        return (title, schema.ToJsonString(), example);
    }

    private static JsonObject Read(string name)
    {
        using var stream = typeof(EventSchemaFiles).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.json")
            ?? throw new InvalidOperationException($"No schema is embedded for {name}.");
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new InvalidOperationException($"The schema of {name} is not a JSON object.");
    }

    // A {"$ref": "definitions.json#/$defs/x", ...} object becomes the definition itself, its own keywords winning.
    private static JsonNode? Inline(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } target && target.StartsWith(DefinitionsRef, StringComparison.Ordinal))
                    {
                        var definition = Definitions[target[DefinitionsRef.Length..]]
                            ?? throw new InvalidOperationException($"The schema of {name} refers to {target}, which is not defined.");
                        foreach (var (defKey, defValue) in ((JsonObject)Inline(definition, name)!).ToList())
                        {
                            if (!o.ContainsKey(defKey))
                            {
                                result[defKey] = defValue?.DeepClone();
                            }
                        }
                    }
                    else
                    {
                        result[key] = Inline(value, name);
                    }
                }
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Select(item => Inline(item, name))]);
            default:
                return node?.DeepClone();
        }
    }
}

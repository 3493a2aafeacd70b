using System.Text.Json;
using Json.Schema;

namespace Qase.Webhooks.Grains.Validation;

/// <summary>One event type's payload schema, built for evaluation, beside its document (to read a failing keyword's arguments).</summary>
/// <param name="Schema">The schema as JsonSchema.Net evaluates it.</param>
/// <param name="Document">The schema's JSON: self-contained, so an evaluation path is a location in it.</param>
public sealed record CompiledSchema(JsonSchema Schema, JsonElement Document);

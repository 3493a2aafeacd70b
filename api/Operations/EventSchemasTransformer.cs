using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Qase.Webhooks.Contracts.Catalog;

namespace Qase.Webhooks.Api.Operations;

/// <summary>
/// Names the event catalog in the OpenAPI document: each type's payload schema as a component
/// (<c>#/components/schemas/event.run.completed</c>), and a published <c>payload</c> as any of them.
/// </summary>
public sealed class EventSchemasTransformer : IOpenApiDocumentTransformer
{
    public const string ComponentPrefix = "event.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var type in EventCatalog.All)
        {
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(type.Schema, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, OpenApiConstants.Json)
                ?? throw new InvalidOperationException($"The schema of {type.Name} does not read as an OpenAPI schema: " +
                    string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? []));
            document.Components.Schemas[ComponentPrefix + type.Name] = schema;
        }
        if (document.Components.Schemas.TryGetValue("PublishEventRequest", out var request) && request is OpenApiSchema { Properties: { } properties })
        {
            properties["payload"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The event's payload, passed through untouched: a JSON object shaped as its event_name's schema " +
                    "(GET /v1/event-types/{name}); it is checked against that schema only when Events:ValidatePayloads is on.",
                AnyOf = [.. EventCatalog.All.Select(type => (IOpenApiSchema)new OpenApiSchemaReference(ComponentPrefix + type.Name, document))],
            };
        }
        return Task.CompletedTask;
    }
}

using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qase.Webhooks.Contracts.Catalog;

namespace Qase.Webhooks.Api.Operations;

/// <summary>
/// The introduction that <c>/docs</c> opens with: what the service is, how to authenticate, the walk-through,
/// then the event catalog, listed from <see cref="EventCatalog"/> so that it is never out of date.
/// </summary>
public sealed class IntroductionTransformer : IOpenApiDocumentTransformer
{
    private static readonly string Introduction = Compose();

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Description = Introduction;
        return Task.CompletedTask;
    }

    private static string Compose()
    {
        using var stream = typeof(IntroductionTransformer).Assembly.GetManifestResourceStream("Qase.Webhooks.Api.Operations.Introduction.md")
            ?? throw new InvalidOperationException("The API introduction is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder(reader.ReadToEnd().TrimEnd()).AppendLine().AppendLine();

        text.AppendLine("## Event catalog").AppendLine();
        // The anchor is the one the page's own navigation uses for the operation: tag "Events", then method and path.
        text.AppendLine($"The {EventCatalog.All.Count} types a webhook can subscribe to, by group, as " +
            "[`GET /v1/event-types`](#tag/events/GET/v1/event-types) lists them:").AppendLine();
        foreach (var group in EventCatalog.All.GroupBy(t => t.Group))
        {
            text.AppendLine($"- **{group.Key}**: {string.Join(", ", group.Select(t => $"`{t.Name}` ({t.Title})"))}");
        }
        text.AppendLine().AppendLine("Each type's payload schema (JSON Schema 2020-12) and an example are at " +
            "[`GET /v1/event-types/{name}`](#tag/events/GET/v1/event-types/{name}), and below as the `event.{name}` schemas.");
        return text.ToString();
    }
}

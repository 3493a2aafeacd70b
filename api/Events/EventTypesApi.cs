using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Api.Events;

/// <summary>The event catalog: <c>/v1/event-types</c> and each type's payload schema and example.</summary>
public static class EventTypesApi
{
    public sealed record EventTypeView(string Name, string Group, string Title);

    /// <summary>One type in full: <c>schema</c> is the JSON Schema of its payload and <c>example</c> a payload that matches it.</summary>
    public sealed record EventTypeDetail(string Name, string Group, string Title, JsonElement Schema, JsonElement Example);

    // Parsed once: the catalog never changes while the process runs.
    private static readonly FrozenDictionary<string, EventTypeDetail> Details = EventCatalog.All.ToFrozenDictionary(
        type => type.Name,
        type => new EventTypeDetail(type.Name, type.Group, type.Title,
            JsonSerializer.Deserialize<JsonElement>(type.Schema), JsonSerializer.Deserialize<JsonElement>(type.Example)),
        StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapEventTypesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/event-types", ListEventTypes).WithName("ListEventTypes").WithTags("Events")
            .WithSummary("The event types a webhook can subscribe to").RequireAuthorization();
        routes.MapGet("/v1/event-types/{name}", GetEventType).WithName("GetEventType").WithTags("Events")
            .WithSummary("An event type with the JSON Schema of its payload and an example")
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization();
        return routes;
    }

    public static Ok<ItemList<EventTypeView>> ListEventTypes() =>
        TypedResults.Ok(new ItemList<EventTypeView>([.. EventCatalog.All.Select(t => new EventTypeView(t.Name, t.Group, t.Title))]));

    public static Ok<EventTypeDetail> GetEventType(string name) =>
        TypedResults.Ok(Details.TryGetValue(name, out var detail)
            ? detail
            : throw new RequestRejectedException(ProblemKind.NotFound, FieldRules.UnknownEventType(name)));
}

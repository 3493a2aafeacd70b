using Microsoft.AspNetCore.Http.HttpResults;
using Qase.Webhooks.Contracts.Catalog;

namespace Qase.Webhooks.Api.Events;

public static class EventTypesApi
{
    public sealed record EventTypeView(string Name, string Group, string Title);

    public static IEndpointRouteBuilder MapEventTypesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/event-types", ListEventTypes).WithName("ListEventTypes").WithTags("Events")
            .WithSummary("The event types a webhook can subscribe to").RequireAuthorization();
        return routes;
    }

    public static Ok<ItemList<EventTypeView>> ListEventTypes() =>
        TypedResults.Ok(new ItemList<EventTypeView>([.. EventCatalog.All.Select(t => new EventTypeView(t.Name, t.Group, t.Title))]));
}

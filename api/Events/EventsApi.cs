using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Contracts.Events;

namespace Qase.Webhooks.Api.Events;

/// <summary>Publishing: <c>.../projects/{code}/events</c> and <c>.../events/batch</c>.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder projects)
    {
        // The bodies are read by PublishBody, which keeps each payload as its bytes; Accepts describes them.
        projects.MapPost("/{code}/events", PublishEvent).WithSummary("Publish an event to the project's webhooks")
            .Accepts<PublishEventRequest>("application/json")
            .WithMetadata(new BodyLimit(BodyLimit.Event))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        projects.MapPost("/{code}/events/batch", PublishBatch).WithSummary("Publish up to 1000 events at once, all or nothing")
            .Accepts<PublishBatchRequest>("application/json")
            .WithMetadata(new BodyLimit(BodyLimit.Batch))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return projects;
    }

    public static async Task<Accepted<PublishedEvent>> PublishEvent(
        string code, HttpRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, WorkspaceScope scope)
    {
        var answer = await scope.Router(code).PublishOne(await PublishBody.ReadEvent(request, idempotencyKey));
        return TypedResults.Accepted((string?)null, answer);
    }

    public static async Task<Accepted<ItemList<PublishedEvent>>> PublishBatch(string code, HttpRequest request, WorkspaceScope scope)
    {
        var answers = await scope.Router(code).Publish(await PublishBody.ReadBatch(request));
        return TypedResults.Accepted((string?)null, new ItemList<PublishedEvent>(answers));
    }
}

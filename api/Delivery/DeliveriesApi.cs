using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Api.Delivery;

/// <summary>A webhook's deliveries: the log, redelivery, recovery and test deliveries.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder projects)
    {
        var webhook = projects.MapGroup("/{code}/webhooks/{id}").ProducesProblem(StatusCodes.Status404NotFound);

        webhook.MapPost("/test", TestWebhook).WithSummary("Send one delivery now with the example payload of an event type")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        webhook.MapGet("/deliveries", ListDeliveries).WithSummary("The delivery log, newest first").ProducesValidationProblem();
        webhook.MapGet("/deliveries/{delivery_id}", GetDelivery).WithSummary("A delivery with its request and attempts");
        webhook.MapPost("/deliveries/{delivery_id}/redeliver", Redeliver).WithSummary("Send a delivery again, same delivery id")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        webhook.MapGet("/stats", GetStats).WithSummary("Attempts per hour by outcome with p50/p95 response times, oldest first")
            .WithDescription("`hours` (1 to 720, default 24): how many clock hours (UTC), the current one last; one item per hour, empty hours included.")
            .ProducesValidationProblem();
        webhook.MapPost("/recover", Recover).WithSummary("Send again every delivery that failed since a time")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return projects;
    }

    public static async Task<Ok<DeliveryDetailResponse>> TestWebhook(
        string code, string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TestRequest? body, WorkspaceScope scope) =>
        TypedResults.Ok(DeliveryDetailResponse.From(await scope.Webhook(code, id).Test(body?.EventName)));

    public static async Task<Ok<DeliveryPage>> ListDeliveries(
        string code, string id, WorkspaceScope scope, string? status = null, int? limit = null, string? cursor = null)
    {
        DeliveryStatus? filter = null;
        if (status is not null)
        {
            filter = Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw RequestRejectedException.Invalid(new Dictionary<string, string[]>
                {
                    ["status"] = ["must be pending, succeeded or failed."],
                });
        }
        var query = new DeliveryQuery(filter, limit ?? DeliveryQuery.DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor);
        return TypedResults.Ok(await scope.Webhook(code, id).ListDeliveries(query));
    }

    public static async Task<Ok<DeliveryDetailResponse>> GetDelivery(string code, string id, string delivery_id, WorkspaceScope scope)
    {
        var detail = await scope.Webhook(code, id).GetDelivery(delivery_id)
            ?? throw RequestRejectedException.NotFound($"Delivery {delivery_id}");
        return TypedResults.Ok(DeliveryDetailResponse.From(detail));
    }

    public static async Task<Ok<ItemList<HourStats>>> GetStats(string code, string id, WorkspaceScope scope, string? hours = null)
    {
        // Read as text so that a value that is not a number is a problem naming the field, like one out of range.
        var count = 24;
        if (hours is not null && !int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            throw RequestRejectedException.Invalid(new Dictionary<string, string[]>
            {
                ["hours"] = [HourStats.HoursRule],
            });
        }
        return TypedResults.Ok(new ItemList<HourStats>(await scope.Webhook(code, id).Stats(count)));
    }

    public static async Task<Accepted> Redeliver(string code, string id, string delivery_id, WorkspaceScope scope)
    {
        await scope.Webhook(code, id).Redeliver(delivery_id);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Accepted<RecoverResponse>> Recover(string code, string id, RecoverRequest body, WorkspaceScope scope)
    {
        if (body.Since is not { } since)
        {
            throw RequestRejectedException.Invalid(new Dictionary<string, string[]> { ["since"] = ["is required: an RFC 3339 timestamp."] });
        }
        var count = await scope.Webhook(code, id).Recover(since);
        return TypedResults.Accepted((string?)null, new RecoverResponse(count));
    }
}

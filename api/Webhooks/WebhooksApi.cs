using Microsoft.AspNetCore.Http.HttpResults;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Api.Webhooks;

/// <summary>Webhooks of a project: <c>.../projects/{code}/webhooks</c>.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder projects)
    {
        var webhooks = projects.MapGroup("/{code}/webhooks").ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/", CreateWebhook).WithSummary("Create a webhook")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapGet("/", ListWebhooks).WithSummary("List a project's webhooks");
        webhooks.MapGet("/{id}", GetWebhook).WithSummary("Get a webhook");
        webhooks.MapPatch("/{id}", UpdateWebhook).WithSummary("Change a webhook; \"secret\": null removes the secret")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapDelete("/{id}", DeleteWebhook).WithSummary("Delete a webhook");
        webhooks.MapPost("/{id}/enable", EnableWebhook).WithSummary("Enable a webhook and clear its failure streak")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapPost("/{id}/disable", DisableWebhook).WithSummary("Disable a webhook by hand (no email)");
        return projects;
    }

    public static async Task<Created<Webhook>> CreateWebhook(string code, NewWebhook body, WorkspaceScope scope, HttpContext context)
    {
        var project = await scope.GetProject(code);
        var webhook = await scope.Webhook(project.Code, ResourceId.New("wh")).Create(body);
        return TypedResults.Created(Locations.InProjects(context, project.Code, "webhooks", webhook.Id), webhook);
    }

    public static async Task<Ok<ItemList<Webhook>>> ListWebhooks(string code, WorkspaceScope scope)
    {
        var project = await scope.GetProject(code);
        return TypedResults.Ok(new ItemList<Webhook>(await scope.Router(project.Code).ListWebhooks()));
    }

    public static async Task<Ok<Webhook>> GetWebhook(string code, string id, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Get() ?? throw RequestRejectedException.NotFound($"Webhook {id}"));

    public static async Task<Ok<Webhook>> UpdateWebhook(string code, string id, WebhookPatchRequest body, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Update(body.ToPatch()));

    public static async Task<NoContent> DeleteWebhook(string code, string id, WorkspaceScope scope)
    {
        await scope.Webhook(code, id).Delete();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<Webhook>> EnableWebhook(string code, string id, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Enable());

    public static async Task<Ok<Webhook>> DisableWebhook(string code, string id, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Disable());
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
        webhooks.MapPost("/{id}/rotate-secret", RotateSecret).WithSummary("Give a webhook a new secret; the old one still signs during the overlap")
            .WithDescription("`secret` (absent: a `whsec_` secret is generated and answered this once) and `overlap` (ISO 8601 duration or "
                + "hh:mm:ss, default 24 h, at most 7 days). Until `secret_rotation_ends_at` deliveries carry `v1,<new> v1,<old>`; an ed25519 "
                + "webhook also gets a new key pair, its old key signing during the overlap. A webhook without a secret gets one, with no overlap.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return projects;
    }

    public static async Task<Created<Webhook>> CreateWebhook(string code, NewWebhook body, WorkspaceScope scope, HttpContext context)
    {
        // No call to the workspace first: the webhook's grain checks the project and its plan itself, so a create is one call to it.
        var project = WorkspaceScope.ProjectCodeOf(code);
        var webhook = await scope.Webhook(project, ResourceId.New("wh")).Create(body);
        return TypedResults.Created(Locations.InProjects(context, project, "webhooks", webhook.Id), webhook);
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

    public static async Task<Ok<RotatedSecret>> RotateSecret(
        string code, string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RotateSecretRequest? body, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).RotateSecret((body ?? new RotateSecretRequest()).ToRotation()));

    public static async Task<Ok<Webhook>> EnableWebhook(string code, string id, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Enable());

    public static async Task<Ok<Webhook>> DisableWebhook(string code, string id, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.Webhook(code, id).Disable());
}

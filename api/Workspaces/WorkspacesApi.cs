using Microsoft.AspNetCore.Http.HttpResults;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Api.Workspaces;

/// <summary>Workspaces and their tokens: the admin token's routes.</summary>
public static class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/v1/workspaces")
            .WithTags("Workspaces")
            .RequireAuthorization(QaseClaims.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/", CreateWorkspace).WithName("CreateWorkspace")
            .WithSummary("Create a workspace and its first token").ProducesValidationProblem();
        api.MapGet("/{workspace_id}", GetWorkspace).WithName("GetWorkspace")
            .WithSummary("Get a workspace").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{workspace_id}", UpdateWorkspace).WithName("UpdateWorkspace")
            .WithSummary("Change a workspace's name, plan or owner").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{workspace_id}/tokens", IssueToken).WithName("IssueToken")
            .WithSummary("Issue a workspace token (shown this once)").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{workspace_id}/tokens", ListTokens).WithName("ListTokens")
            .WithSummary("List a workspace's tokens").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{workspace_id}/tokens/{token_id}", RevokeToken).WithName("RevokeToken")
            .WithSummary("Revoke a token; it stops working at once").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Created<CreatedWorkspaceResponse>> CreateWorkspace(NewWorkspace body, IGrainFactory grains)
    {
        var id = ResourceId.New("ws");
        var created = await grains.GetGrain<IWorkspaceGrain>(id).Create(body);
        return TypedResults.Created($"/v1/workspaces/{id}", CreatedWorkspaceResponse.From(created));
    }

    public static async Task<Ok<Workspace>> GetWorkspace(string workspace_id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspace_id).Get()
            ?? throw RequestRejectedException.NotFound($"Workspace {workspace_id}"));

    public static async Task<Ok<Workspace>> UpdateWorkspace(string workspace_id, WorkspacePatch body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceGrain>(workspace_id).Update(body));

    public static async Task<Created<IssuedToken>> IssueToken(string workspace_id, IGrainFactory grains)
    {
        var token = await grains.GetGrain<IWorkspaceGrain>(workspace_id).IssueToken();
        return TypedResults.Created($"/v1/workspaces/{workspace_id}/tokens/{token.Id}", token);
    }

    public static async Task<Ok<ItemList<TokenInfo>>> ListTokens(string workspace_id, IGrainFactory grains) =>
        TypedResults.Ok(new ItemList<TokenInfo>(await grains.GetGrain<IWorkspaceGrain>(workspace_id).ListTokens()));

    public static async Task<NoContent> RevokeToken(string workspace_id, string token_id, IGrainFactory grains)
    {
        await grains.GetGrain<IWorkspaceGrain>(workspace_id).RevokeToken(token_id);
        return TypedResults.NoContent();
    }
}

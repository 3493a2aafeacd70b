using Microsoft.AspNetCore.Http.HttpResults;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Api.Projects;

/// <summary>Projects of a workspace. Mapped under <c>/v1/projects</c> and <c>/v1/workspaces/{workspace_id}/projects</c>.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder projects)
    {
        projects.MapPost("/", CreateProject).WithSummary("Create a project").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapGet("/", ListProjects).WithSummary("List the workspace's projects");
        projects.MapGet("/{code}", GetProject).WithSummary("Get a project").ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapDelete("/{code}", DeleteProject).WithSummary("Delete a project and its webhooks")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return projects;
    }

    public static async Task<Created<Project>> CreateProject(NewProject body, WorkspaceScope scope, HttpContext context)
    {
        var project = await scope.Workspace.CreateProject(body);
        return TypedResults.Created(Locations.InProjects(context, project.Code), project);
    }

    public static async Task<Ok<ItemList<Project>>> ListProjects(WorkspaceScope scope) =>
        TypedResults.Ok(new ItemList<Project>(await scope.Workspace.ListProjects()));

    public static async Task<Ok<Project>> GetProject(string code, WorkspaceScope scope) =>
        TypedResults.Ok(await scope.GetProject(code));

    public static async Task<NoContent> DeleteProject(string code, WorkspaceScope scope)
    {
        await scope.Workspace.DeleteProject(code);
        return TypedResults.NoContent();
    }
}

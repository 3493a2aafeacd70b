using System.Security.Claims;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Api.Auth;

/// <summary>
/// The workspace a project route acts in: the caller's own for <c>/v1/projects/...</c>, the route's
/// for <c>/v1/workspaces/{workspace_id}/projects/...</c>. Another workspace's resources answer 404,
/// exactly as resources that do not exist.
/// </summary>
public sealed class WorkspaceScope(string workspaceId, IGrainFactory grains)
{
    public string WorkspaceId { get; } = workspaceId;

    public IWorkspaceGrain Workspace => grains.GetGrain<IWorkspaceGrain>(WorkspaceId);

    public static ValueTask<WorkspaceScope?> BindAsync(HttpContext context)
    {
        var routeWorkspace = context.GetRouteValue("workspace_id") as string;
        var user = context.User;
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        if (user.IsInRole(QaseClaims.AdminRole))
        {
            return routeWorkspace is null
                ? throw new RequestRejectedException(ProblemKind.Forbidden,
                    "The admin token reaches projects through /v1/workspaces/{workspace_id}/projects.")
                : ValueTask.FromResult<WorkspaceScope?>(new WorkspaceScope(routeWorkspace, grains));
        }
        var own = user.FindFirstValue(QaseClaims.WorkspaceId)
            ?? throw new InvalidOperationException("Project routes require an authenticated caller.");
        if (routeWorkspace is not null && routeWorkspace != own)
        {
            throw RequestRejectedException.NotFound("Project");
        }
        return ValueTask.FromResult<WorkspaceScope?>(new WorkspaceScope(own, grains));
    }

    /// <summary>The project with this code, or a 404 problem.</summary>
    public async Task<Project> GetProject(string code) =>
        await Workspace.GetProject(code) ?? throw RequestRejectedException.NotFound($"Project {code.ToUpperInvariant()}");

    /// <summary>The router of project <paramref name="code"/>; publishing to a project that does not exist answers 404 from the router.</summary>
    public IProjectEventRouterGrain Router(string code) => grains.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(WorkspaceId, Code(code)));

    /// <summary>
    /// The grain of webhook <paramref name="id"/> of project <paramref name="code"/>, with no call made: the grain
    /// answers 404 itself when it holds no webhook (and a project's webhooks go with it).
    /// </summary>
    public IWebhookGrain Webhook(string code, string id) => grains.GetGrain<IWebhookGrain>(GrainKeys.Webhook(WorkspaceId, Code(code), id));

    /// <summary>The project code as its grains are keyed (upper case), or a 404 problem for a code no project can have.</summary>
    public static string ProjectCodeOf(string code) => ProjectCode.Normalize(Code(code));

    private static string Code(string code) =>
        ProjectCode.IsValid(code) ? code : throw RequestRejectedException.NotFound($"Project {code.ToUpperInvariant()}");
}

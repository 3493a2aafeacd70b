using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Projects;

namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>
/// A workspace, keyed by its id: plan, owner, API tokens and the catalogue of its projects.
/// Methods throw <see cref="Problems.RequestRejectedException"/> for bad input or a missing workspace.
/// </summary>
[Alias("qase.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Creates the workspace under this grain's key and issues its first token.</summary>
    [Alias("Create")]
    Task<CreatedWorkspace> Create(NewWorkspace workspace);

    /// <summary>The workspace, or <c>null</c> when none exists under this key.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<Workspace?> Get();

    [Alias("Update")]
    Task<Workspace> Update(WorkspacePatch patch);

    [Alias("IssueToken")]
    Task<IssuedToken> IssueToken();

    [Alias("ListTokens")]
    Task<IReadOnlyList<TokenInfo>> ListTokens();

    /// <summary>Revokes a token; it stops authenticating before this returns.</summary>
    [Alias("RevokeToken")]
    Task RevokeToken(string tokenId);

    /// <summary>Adds a project; throws a conflict when the code is taken in this workspace.</summary>
    [Alias("CreateProject")]
    Task<Project> CreateProject(NewProject project);

    /// <summary>The project with this code (case-insensitive), or <c>null</c>.</summary>
    [AlwaysInterleave, Alias("GetProject")]
    Task<Project?> GetProject(string code);

    [AlwaysInterleave, Alias("ListProjects")]
    Task<IReadOnlyList<Project>> ListProjects();

    /// <summary>Deletes the project and every webhook of it.</summary>
    [Alias("DeleteProject")]
    Task DeleteProject(string code);
}

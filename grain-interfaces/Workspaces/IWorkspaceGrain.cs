using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Projects;

namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>
/// A workspace, keyed by its id (a new one from <see cref="ResourceId.New"/> with the prefix <c>ws</c>): plan, owner,
/// API tokens and the catalogue of its projects.
/// Methods throw <see cref="Problems.RequestRejectedException"/> for bad input or a missing workspace.
/// </summary>
[Alias("qase.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Creates the workspace under this grain's key and issues its first token.</summary>
    /// <returns>The workspace and its first token, whose clear value is shown only here.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.Conflict"/> when a workspace exists under this key;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>name</c>, <c>plan</c> or <c>owner_email</c>.
    /// </exception>
    [Alias("Create")]
    Task<CreatedWorkspace> Create(NewWorkspace workspace);

    /// <summary>The workspace, or <c>null</c> when none exists under this key.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<Workspace?> Get();

    /// <summary>
    /// Changes the fields the patch sets and leaves the others. On the free plan new events reach no webhook and
    /// pending retries wait; moving back to a paid plan lets them go on.
    /// </summary>
    /// <returns>The workspace as changed.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the workspace does not exist;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>name</c>, <c>plan</c> or <c>owner_email</c>.
    /// </exception>
    [Alias("Update")]
    Task<Workspace> Update(WorkspacePatch patch);

    /// <summary>Issues another API token for the workspace; it works at once.</summary>
    /// <returns>The token, whose clear value is shown only here.</returns>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the workspace does not exist.</exception>
    [Alias("IssueToken")]
    Task<IssuedToken> IssueToken();

    /// <summary>The workspace's live tokens, oldest first, without their values.</summary>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the workspace does not exist.</exception>
    [Alias("ListTokens")]
    Task<IReadOnlyList<TokenInfo>> ListTokens();

    /// <summary>Revokes a token; it stops authenticating before this returns.</summary>
    /// <param name="tokenId">The token's <see cref="TokenInfo.Id"/> (<c>tok_…</c>).</param>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the workspace or the token does not exist.</exception>
    [Alias("RevokeToken")]
    Task RevokeToken(string tokenId);

    /// <summary>Adds a project; throws a conflict when the code is taken in this workspace.</summary>
    /// <returns>The project, its code upper-case.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the workspace does not exist;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>code</c> or <c>title</c>;
    /// <see cref="Problems.ProblemKind.Conflict"/> when the workspace has a project with this code.
    /// </exception>
    [Alias("CreateProject")]
    Task<Project> CreateProject(NewProject project);

    /// <summary>The project with this code (case-insensitive), or <c>null</c>, also when the workspace does not exist.</summary>
    [AlwaysInterleave, Alias("GetProject")]
    Task<Project?> GetProject(string code);

    /// <summary>Every project of the workspace, by code.</summary>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the workspace does not exist.</exception>
    [AlwaysInterleave, Alias("ListProjects")]
    Task<IReadOnlyList<Project>> ListProjects();

    /// <summary>Deletes the project and every webhook of it, with their delivery logs; their pending deliveries stop.</summary>
    /// <param name="code">The project's code, in any case.</param>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the workspace or the project does not exist.</exception>
    [Alias("DeleteProject")]
    Task DeleteProject(string code);
}

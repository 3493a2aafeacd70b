using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Api.Workspaces;

/// <summary>A new workspace and its first token, which is shown this once.</summary>
public sealed record CreatedWorkspaceResponse(
    string Id, string Name, WorkspacePlan Plan, string OwnerEmail, DateTimeOffset CreatedAt, string Token)
{
    public static CreatedWorkspaceResponse From(CreatedWorkspace created) => new(
        created.Workspace.Id, created.Workspace.Name, created.Workspace.Plan, created.Workspace.OwnerEmail,
        created.Workspace.CreatedAt, created.Token.Token);
}

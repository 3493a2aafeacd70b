namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A workspace as callers see it.</summary>
/// <param name="Id">The workspace's id, the key of its <see cref="IWorkspaceGrain"/> and the <c>{workspace_id}</c> of its grain keys.</param>
/// <param name="Name">The workspace's name.</param>
/// <param name="Plan">Its subscription; webhooks need a paid one.</param>
/// <param name="OwnerEmail">Where disabling mails go for webhooks without their own <c>notify_email</c>.</param>
/// <param name="CreatedAt">When it was created, UTC to the millisecond.</param>
[GenerateSerializer, Immutable, Alias("qase.Workspace")]
public sealed record Workspace(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] WorkspacePlan Plan,
    [property: Id(3)] string OwnerEmail,
    [property: Id(4)] DateTimeOffset CreatedAt);

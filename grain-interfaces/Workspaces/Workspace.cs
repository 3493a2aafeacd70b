namespace Qase.Webhooks.Contracts.Workspaces;

[GenerateSerializer, Immutable, Alias("qase.Workspace")]
public sealed record Workspace(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] WorkspacePlan Plan,
    [property: Id(3)] string OwnerEmail,
    [property: Id(4)] DateTimeOffset CreatedAt);

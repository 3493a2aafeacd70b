namespace Qase.Webhooks.Contracts.Workspaces;

[GenerateSerializer, Immutable, Alias("qase.NewWorkspace")]
public sealed record NewWorkspace(
    [property: Id(0)] string? Name,
    [property: Id(1)] WorkspacePlan? Plan,
    [property: Id(2)] string? OwnerEmail);

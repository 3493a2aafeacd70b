namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A partial update: <c>null</c> leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("qase.WorkspacePatch")]
public sealed record WorkspacePatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] WorkspacePlan? Plan,
    [property: Id(2)] string? OwnerEmail);

namespace Qase.Webhooks.Grains.Workspaces;

/// <summary>Whom a presented token belongs to.</summary>
[GenerateSerializer, Immutable, Alias("qase.TokenOwner")]
public sealed record TokenOwner(
    [property: Id(0)] string WorkspaceId,
    [property: Id(1)] string TokenId);

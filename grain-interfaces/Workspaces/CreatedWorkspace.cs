namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A new workspace with its first token, the only time that token is shown.</summary>
/// <param name="Workspace">The workspace as created.</param>
/// <param name="Token">Its first API token, with the clear value.</param>
[GenerateSerializer, Immutable, Alias("qase.CreatedWorkspace")]
public sealed record CreatedWorkspace(
    [property: Id(0)] Workspace Workspace,
    [property: Id(1)] IssuedToken Token);

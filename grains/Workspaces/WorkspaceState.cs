using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Grains.Workspaces;

[GenerateSerializer, Alias("qase.WorkspaceState")]
public sealed class WorkspaceState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public WorkspacePlan Plan { get; set; }
    [Id(2)] public string OwnerEmail { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Token id to the SHA-256 of the token and when it was issued.</summary>
    [Id(4)] public Dictionary<string, TokenRecord> Tokens { get; set; } = [];

    /// <summary>Upper-case project code to the project.</summary>
    [Id(5)] public Dictionary<string, ProjectRecord> Projects { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("qase.TokenRecord")]
public sealed record TokenRecord([property: Id(0)] string Hash, [property: Id(1)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("qase.ProjectRecord")]
public sealed record ProjectRecord([property: Id(0)] string Title, [property: Id(1)] DateTimeOffset CreatedAt);

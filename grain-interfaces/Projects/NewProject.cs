namespace Qase.Webhooks.Contracts.Projects;

/// <summary>What a caller sends to add a project to a workspace; the grain validates every field.</summary>
/// <param name="Code">
/// Required (<c>code</c>): 2 to 10 Latin letters and digits, starting with a letter, in any case; stored and answered
/// upper-case, and unique within the workspace.
/// </param>
/// <param name="Title">Required (<c>title</c>): 1 to 255 characters, not blank.</param>
[GenerateSerializer, Immutable, Alias("qase.NewProject")]
public sealed record NewProject(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? Title);

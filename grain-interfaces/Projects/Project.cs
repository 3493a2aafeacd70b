namespace Qase.Webhooks.Contracts.Projects;

/// <summary>A project of a workspace, as callers see it.</summary>
/// <param name="Code">The project's code, upper-case: the <c>{CODE}</c> of its grain keys.</param>
/// <param name="Title">The project's title.</param>
/// <param name="CreatedAt">When it was added, UTC to the millisecond.</param>
[GenerateSerializer, Immutable, Alias("qase.Project")]
public sealed record Project(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt);

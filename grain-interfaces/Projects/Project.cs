namespace Qase.Webhooks.Contracts.Projects;

[GenerateSerializer, Immutable, Alias("qase.Project")]
public sealed record Project(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt);

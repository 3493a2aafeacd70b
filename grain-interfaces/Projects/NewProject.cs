namespace Qase.Webhooks.Contracts.Projects;

[GenerateSerializer, Immutable, Alias("qase.NewProject")]
public sealed record NewProject(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? Title);

namespace Qase.Webhooks.Contracts.Workspaces;

[GenerateSerializer, Immutable, Alias("qase.TokenInfo")]
public sealed record TokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt);

namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A token as issued: the clear value exists only in this answer; the service keeps its SHA-256.</summary>
[GenerateSerializer, Immutable, Alias("qase.IssuedToken")]
public sealed record IssuedToken(
    [property: Id(0)] string Id,
    [property: Id(1)] string Token,
    [property: Id(2)] DateTimeOffset CreatedAt);

namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A live token as listed: never its value, which is shown only when it is issued.</summary>
/// <param name="Id">The token's id (<c>tok_…</c>), to revoke it by.</param>
/// <param name="CreatedAt">When it was issued, UTC to the millisecond.</param>
[GenerateSerializer, Immutable, Alias("qase.TokenInfo")]
public sealed record TokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt);

namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A token as issued: the clear value exists only in this answer; the service keeps its SHA-256.</summary>
/// <param name="Id">The token's id (<c>tok_…</c>), to list and revoke it by.</param>
/// <param name="Token">
/// The clear value (<c>qase_</c> and 256 random bits in base64url), sent to the REST API as <c>Token: …</c> or
/// <c>Authorization: Bearer …</c>.
/// </param>
/// <param name="CreatedAt">When it was issued, UTC to the millisecond.</param>
[GenerateSerializer, Immutable, Alias("qase.IssuedToken")]
public sealed record IssuedToken(
    [property: Id(0)] string Id,
    [property: Id(1)] string Token,
    [property: Id(2)] DateTimeOffset CreatedAt);

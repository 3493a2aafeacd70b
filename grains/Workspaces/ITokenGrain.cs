namespace Qase.Webhooks.Grains.Workspaces;

/// <summary>
/// The index from a token to its workspace, keyed by the lower-case hex SHA-256 of the token
/// (see <see cref="TokenHash"/>), so the clear token is never stored. The service's own: the workspace
/// binds and revokes, the api resolves; other clusters are trusted callers and present no tokens.
/// </summary>
[Alias("qase.ITokenGrain")]
public interface ITokenGrain : IGrainWithStringKey
{
    [Alias("Resolve")]
    Task<TokenOwner?> Resolve();

    [Alias("Bind")]
    Task Bind(TokenOwner owner);

    [Alias("Revoke")]
    Task Revoke();
}

namespace Qase.Webhooks.Api.Auth;

/// <summary>The <c>Auth:*</c> configuration keys.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The token that manages workspaces and reaches every workspace's projects.</summary>
    public string? AdminToken { get; set; }
}

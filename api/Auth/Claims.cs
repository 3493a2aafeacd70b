namespace Qase.Webhooks.Api.Auth;

public static class QaseClaims
{
    public const string Scheme = "Token";

    /// <summary>Held by the admin token only.</summary>
    public const string AdminRole = "admin";

    /// <summary>The workspace a workspace token belongs to.</summary>
    public const string WorkspaceId = "workspace_id";

    public const string AdminPolicy = "admin";
}

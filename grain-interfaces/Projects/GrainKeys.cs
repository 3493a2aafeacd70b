using Qase.Webhooks.Contracts.Webhooks;
namespace Qase.Webhooks.Contracts.Projects;

/// <summary>
/// Grain keys carry the workspace, so two workspaces may both own a project <c>DEMO</c>:
/// a project is <c>{workspace_id}/{CODE}</c>, a webhook <c>{workspace_id}/{CODE}/{webhook_id}</c>.
/// </summary>
public static class GrainKeys
{
    public static string Project(string workspaceId, string code) => $"{workspaceId}/{ProjectCode.Normalize(code)}";

    public static string Webhook(string workspaceId, string code, string webhookId) =>
        $"{Project(workspaceId, code)}/{webhookId}";

    public static (string WorkspaceId, string Code) ParseProject(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new ArgumentException($"'{key}' is not a project key.", nameof(key));
    }

    public static (string WorkspaceId, string Code, string WebhookId) ParseWebhook(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw new ArgumentException($"'{key}' is not a webhook key.", nameof(key));
    }
}

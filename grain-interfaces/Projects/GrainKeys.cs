using Qase.Webhooks.Contracts.Webhooks;
namespace Qase.Webhooks.Contracts.Projects;

/// <summary>
/// Grain keys carry the workspace, so two workspaces may both own a project <c>DEMO</c>:
/// a project is <c>{workspace_id}/{CODE}</c>, a webhook <c>{workspace_id}/{CODE}/{webhook_id}</c>.
/// </summary>
public static class GrainKeys
{
    /// <summary>
    /// The key of a project's <see cref="Routing.IProjectEventRouterGrain"/>: <c>{workspace_id}/{CODE}</c>, the code
    /// upper-cased, so <c>demo</c> and <c>DEMO</c> name the same project.
    /// </summary>
    /// <param name="workspaceId">The workspace's id, the key of its <see cref="Workspaces.IWorkspaceGrain"/>.</param>
    /// <param name="code">The project's code, in any case.</param>
    public static string Project(string workspaceId, string code) => $"{workspaceId}/{ProjectCode.Normalize(code)}";

    /// <summary>
    /// The key of a <see cref="Webhooks.IWebhookGrain"/>: <c>{workspace_id}/{CODE}/{webhook_id}</c>, the code upper-cased.
    /// </summary>
    /// <param name="workspaceId">The workspace's id.</param>
    /// <param name="code">The project's code, in any case.</param>
    /// <param name="webhookId">The webhook's id: <see cref="Webhooks.Webhook.Id"/>, or a new one from <see cref="ResourceId.New"/> with the prefix <c>wh</c>.</param>
    public static string Webhook(string workspaceId, string code, string webhookId) =>
        $"{Project(workspaceId, code)}/{webhookId}";

    /// <summary>The parts of a project key made by <see cref="Project"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> does not have two parts.</exception>
    public static (string WorkspaceId, string Code) ParseProject(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new ArgumentException($"'{key}' is not a project key.", nameof(key));
    }

    /// <summary>The parts of a webhook key made by <see cref="Webhook"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> does not have three parts.</exception>
    public static (string WorkspaceId, string Code, string WebhookId) ParseWebhook(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw new ArgumentException($"'{key}' is not a webhook key.", nameof(key));
    }
}

using System.Globalization;
using System.Net;
using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>The email that tells an owner their webhook was disabled, and how to bring it back.</summary>
public static class DisablingNotice
{
    public static OwnerNotice Compose(string to, string workspaceId, Webhook webhook, DateTimeOffset createdAt)
    {
        var reason = Describe(webhook.DisabledReason);
        var at = (webhook.DisabledAt ?? createdAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var enablePath = $"/v1/projects/{webhook.ProjectCode}/webhooks/{webhook.Id}/enable";
        var lastError = webhook.LastError ?? "none recorded";
        var subject = $"Webhook \"{Truncate(webhook.Title, 80)}\" in project {webhook.ProjectCode} was disabled";

        var text = $"""
            Your webhook was disabled and receives no more events.

            Webhook:    {webhook.Title} ({webhook.Id})
            Project:    {webhook.ProjectCode}
            URL:        {webhook.Url}
            Reason:     {reason}
            Disabled:   {at}
            Last error: {lastError}

            Deliveries that were waiting were marked failed. To enable the webhook again, turn it on in the
            project's webhook settings, or call POST {enablePath}. To send the failed deliveries again, call
            POST /v1/projects/{webhook.ProjectCode}/webhooks/{webhook.Id}/recover with {"{"}"since": "<time>"{"}"}.
            """;

        var html = $"""
            <p>Your webhook was disabled and receives no more events.</p>
            <table>
            <tr><th align="left">Webhook</th><td>{E(webhook.Title)} ({E(webhook.Id)})</td></tr>
            <tr><th align="left">Project</th><td>{E(webhook.ProjectCode)}</td></tr>
            <tr><th align="left">URL</th><td>{E(webhook.Url)}</td></tr>
            <tr><th align="left">Reason</th><td>{E(reason)}</td></tr>
            <tr><th align="left">Disabled</th><td>{E(at)}</td></tr>
            <tr><th align="left">Last error</th><td>{E(lastError)}</td></tr>
            </table>
            <p>Deliveries that were waiting were marked failed. To enable the webhook again, turn it on in the
            project's webhook settings, or call <code>POST {E(enablePath)}</code>. To send the failed deliveries
            again, call <code>POST /v1/projects/{E(webhook.ProjectCode)}/webhooks/{E(webhook.Id)}/recover</code>.</p>
            """;

        // One id per disabling: the same webhook disabled again later gets a new mail.
        var id = $"disabled.{webhook.Id}.{(webhook.DisabledAt ?? createdAt).ToUnixTimeMilliseconds()}.{workspaceId}@webhooks.qase.io";
        return new OwnerNotice(id, to, subject, text, html, createdAt);
    }

    public static string Describe(DisabledReason? reason) => reason switch
    {
        DisabledReason.Timeout => "the endpoint did not respond within the delivery timeout",
        DisabledReason.Failing => "no delivery succeeded within the failure window",
        DisabledReason.Gone => "the endpoint answered 410 Gone",
        _ => "disabled by hand",
    };

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}

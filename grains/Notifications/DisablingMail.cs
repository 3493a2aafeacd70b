using Microsoft.Extensions.Logging;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>
/// The owner's mail on an automatic disabling: noted as owed before the disabling is written, then queued
/// to <c>notify_email</c> or the workspace owner, at most <c>Health:MaxMailsPerDay</c> a day per webhook.
/// The grain decides when; whether the mail is still owed lives in its state.
/// </summary>
public sealed partial class DisablingMail(string webhookKey, string workspaceId, Func<Task<string?>> workspaceOwner,
    IMailOutbox mail, int maxPerDay, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Notes the mail as owed, so the sweep finds it if this activation dies before queuing it.</summary>
    public async Task Owe(DateTimeOffset at)
    {
        try
        {
            await mail.Owe(webhookKey, at);
        }
        catch (Exception ex)
        {
            LogOweFailed(ex, webhookKey); // the mail is still owed in grain state; only the sweep will not see it
        }
    }

    /// <summary>Queues the mail about <paramref name="view"/>, or logs it past the cap; counts it in <paramref name="data"/>.</summary>
    public async Task Queue(WebhookState data, Func<Webhook> view)
    {
        var owner = data.NotifyEmail ?? await workspaceOwner();
        if (owner is null)
        {
            return;
        }
        var now = clock.UtcNowMs();
        var notice = DisablingNotice.Compose(owner, workspaceId, view(), now);
        // notify_email is not verified: a publish, 410, enable loop must not turn the relay into a mailer.
        if (!HasRoom(data.MailsQueuedAt, now, maxPerDay))
        {
            LogMailCapped(webhookKey, maxPerDay, notice.To, notice.Subject, notice.TextBody);
            return;
        }
        await mail.Enqueue(notice);
        data.MailsQueuedAt.Add(now);
    }

    /// <summary>The webhook owes no mail any more.</summary>
    public Task Settle() => mail.Settle(webhookKey);

    /// <summary>Forgets mails queued a day or more ago and answers whether another fits under the cap.</summary>
    public static bool HasRoom(List<DateTimeOffset> queuedAt, DateTimeOffset now, int maxPerDay)
    {
        queuedAt.RemoveAll(at => now - at >= Day);
        return queuedAt.Count < maxPerDay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note in the mail queue that webhook {WebhookKey} owes a disabling mail; it is queued now, or at the webhook's next activation.")]
    private partial void LogOweFailed(Exception ex, string webhookKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookKey} reached Health:MaxMailsPerDay ({Max}) disabling mails in 24 hours, so this one is logged, not sent. To: {To}. Subject: {Subject}.\n{Body}")]
    private partial void LogMailCapped(string webhookKey, int max, string to, string subject, string body);
}

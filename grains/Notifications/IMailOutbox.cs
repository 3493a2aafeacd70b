namespace Qase.Webhooks.Grains.Notifications;

/// <summary>The durable queue of owner emails: a mail stays until the SMTP server has accepted it.</summary>
public interface IMailOutbox
{
    /// <summary>Queues a mail; a mail with the same id already queued or sent is kept as it is.</summary>
    Task Enqueue(OwnerNotice notice);

    /// <summary>
    /// Notes that the webhook owes its owner a disabling mail, before the disabling is written: if the mail is
    /// never queued (a crash, this queue failing), the sweep finds the webhook here. Kept until <see cref="Settle"/>.
    /// </summary>
    Task Owe(string webhookKey, DateTimeOffset at);

    /// <summary>The webhook owes no mail any more: it was queued, or it turned out not to be owed.</summary>
    Task Settle(string webhookKey);

    /// <summary>Webhooks that have owed a mail since before <paramref name="before"/>, the oldest first.</summary>
    Task<IReadOnlyList<string>> Owing(DateTimeOffset before, int limit);

    /// <summary>Mails due by <paramref name="now"/>, each taken for <paramref name="lease"/> so that other silos leave it alone.</summary>
    Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit);

    Task MarkSent(string id, DateTimeOffset at);

    /// <summary>Puts a mail back for a later try after the server failed.</summary>
    Task Retry(string id, DateTimeOffset next, string error);

    Task<long> CountWaiting();
}

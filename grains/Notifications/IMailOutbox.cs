namespace Qase.Webhooks.Grains.Notifications;

/// <summary>The durable queue of owner emails: a mail stays until the SMTP server has accepted it.</summary>
public interface IMailOutbox
{
    /// <summary>Queues a mail; a mail with the same id already queued or sent is kept as it is.</summary>
    Task Enqueue(OwnerNotice notice);

    /// <summary>Mails due by <paramref name="now"/>, each taken for <paramref name="lease"/> so that other silos leave it alone.</summary>
    Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit);

    Task MarkSent(string id, DateTimeOffset at);

    /// <summary>Puts a mail back for a later try after the server failed.</summary>
    Task Retry(string id, DateTimeOffset next, string error);

    Task<long> CountWaiting();
}

using System.Collections.Concurrent;
using Qase.Webhooks.Grains.Notifications;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The in-memory mail queue, remembering every mail queued, for tests that run without an SMTP server;
/// <see cref="FailEnqueues"/> makes the next enqueues fail, as a queue whose database is down.
/// </summary>
public sealed class RecordingMailOutbox : IMailOutbox
{
    private readonly InMemoryMailOutbox _inner = new();
    private readonly ConcurrentQueue<OwnerNotice> _queued = new();
    private int _failures;

    public IReadOnlyList<OwnerNotice> Queued => [.. _queued];

    public void FailEnqueues(int times) => Interlocked.Exchange(ref _failures, times);

    public Task Enqueue(OwnerNotice notice)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new InvalidOperationException("injected fault: the mail queue is down");
        }
        _queued.Enqueue(notice);
        return _inner.Enqueue(notice);
    }

    /// <summary>Runs inside the next notes of an owed mail, as another turn of the webhook would meanwhile.</summary>
    public Action? WhileOwing { get; set; }

    public Task Owe(string webhookKey, DateTimeOffset at)
    {
        WhileOwing?.Invoke();
        return _inner.Owe(webhookKey, at);
    }

    public Task Settle(string webhookKey) => _inner.Settle(webhookKey);

    public Task<IReadOnlyList<string>> Owing(DateTimeOffset before, int limit) => _inner.Owing(before, limit);

    public Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit) => _inner.ClaimDue(now, lease, limit);

    public Task MarkSent(string id, DateTimeOffset at) => _inner.MarkSent(id, at);

    public Task Retry(string id, DateTimeOffset next, string error) => _inner.Retry(id, next, error);

    public Task<long> CountWaiting() => _inner.CountWaiting();
}

using System.Collections.Concurrent;
using Qase.Webhooks.Grains.Notifications;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The in-memory mail queue, remembering every mail queued, for tests that run without an SMTP server.</summary>
public sealed class RecordingMailOutbox : IMailOutbox
{
    private readonly InMemoryMailOutbox _inner = new();
    private readonly ConcurrentQueue<OwnerNotice> _queued = new();

    public IReadOnlyList<OwnerNotice> Queued => [.. _queued];

    public Task Enqueue(OwnerNotice notice)
    {
        _queued.Enqueue(notice);
        return _inner.Enqueue(notice);
    }

    public Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit) => _inner.ClaimDue(now, lease, limit);

    public Task MarkSent(string id, DateTimeOffset at) => _inner.MarkSent(id, at);

    public Task Retry(string id, DateTimeOffset next, string error) => _inner.Retry(id, next, error);

    public Task<long> CountWaiting() => _inner.CountWaiting();
}

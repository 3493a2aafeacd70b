namespace Qase.Webhooks.Grains.Notifications;

/// <summary>The mail queue of the embedded mode (lost on restart, like everything in that mode).</summary>
public sealed class InMemoryMailOutbox : IMailOutbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _mails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _owed = new(StringComparer.Ordinal);

    public Task Enqueue(OwnerNotice notice)
    {
        lock (_lock)
        {
            _mails.TryAdd(notice.Id, new Entry(notice) { DueAt = notice.CreatedAt });
        }
        return Task.CompletedTask;
    }

    public Task Owe(string webhookKey, DateTimeOffset at)
    {
        lock (_lock)
        {
            _owed.TryAdd(webhookKey, at);
        }
        return Task.CompletedTask;
    }

    public Task Settle(string webhookKey)
    {
        lock (_lock)
        {
            _owed.Remove(webhookKey);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Owing(DateTimeOffset before, int limit)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _owed.Where(o => o.Value < before).OrderBy(o => o.Value).Take(limit).Select(o => o.Key)]);
        }
    }

    public Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit)
    {
        lock (_lock)
        {
            var due = _mails.Values.Where(m => m.SentAt is null && m.DueAt <= now).OrderBy(m => m.DueAt).Take(limit).ToList();
            foreach (var mail in due)
            {
                mail.DueAt = now + lease;
            }
            return Task.FromResult<IReadOnlyList<OwnerNotice>>([.. due.Select(m => m.Notice)]);
        }
    }

    public Task MarkSent(string id, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_mails.TryGetValue(id, out var mail))
            {
                mail.SentAt = at;
            }
        }
        return Task.CompletedTask;
    }

    public Task Retry(string id, DateTimeOffset next, string error)
    {
        lock (_lock)
        {
            if (_mails.TryGetValue(id, out var mail))
            {
                mail.DueAt = next;
                mail.Attempts++;
            }
        }
        return Task.CompletedTask;
    }

    public Task<long> CountWaiting()
    {
        lock (_lock)
        {
            return Task.FromResult((long)_mails.Values.Count(m => m.SentAt is null));
        }
    }

    private sealed class Entry(OwnerNotice notice)
    {
        public OwnerNotice Notice { get; } = notice;
        public DateTimeOffset DueAt { get; set; }
        public DateTimeOffset? SentAt { get; set; }
        public int Attempts { get; set; }
    }
}

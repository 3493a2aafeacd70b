using Npgsql;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>The mail queue in PostgreSQL; silos share it, and a lease (<c>due_at</c> pushed ahead) keeps them off each other's mails.</summary>
public sealed class PostgresMailOutbox(NpgsqlDataSource dataSource) : IMailOutbox
{
    public async Task Enqueue(OwnerNotice notice)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO qase_mail_outbox (mail_id, recipient, subject, text_body, html_body, created_at, due_at)
            VALUES (@id, @to, @subject, @text, @html, @created_at, @created_at)
            ON CONFLICT (mail_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", notice.Id);
        command.Parameters.AddWithValue("to", notice.To);
        command.Parameters.AddWithValue("subject", notice.Subject);
        command.Parameters.AddWithValue("text", notice.TextBody);
        command.Parameters.AddWithValue("html", notice.HtmlBody);
        command.Parameters.AddWithValue("created_at", notice.CreatedAt);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task Owe(string webhookKey, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO qase_owed_mails (webhook_key, owed_at) VALUES (@key, @at) ON CONFLICT (webhook_key) DO NOTHING");
        command.Parameters.AddWithValue("key", webhookKey);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task Settle(string webhookKey)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM qase_owed_mails WHERE webhook_key = @key");
        command.Parameters.AddWithValue("key", webhookKey);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> Owing(DateTimeOffset before, int limit)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT webhook_key FROM qase_owed_mails WHERE owed_at < @before ORDER BY owed_at LIMIT @limit");
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("limit", limit);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public async Task<IReadOnlyList<OwnerNotice>> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE qase_mail_outbox m SET due_at = @leased_until
            FROM (SELECT mail_id FROM qase_mail_outbox WHERE sent_at IS NULL AND due_at <= @now
                  ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
            WHERE m.mail_id = due.mail_id
            RETURNING m.mail_id, m.recipient, m.subject, m.text_body, m.html_body, m.created_at
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("leased_until", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        var mails = new List<OwnerNotice>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            mails.Add(new OwnerNotice(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return mails;
    }

    public async Task MarkSent(string id, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("UPDATE qase_mail_outbox SET sent_at = @at WHERE mail_id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task Retry(string id, DateTimeOffset next, string error)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE qase_mail_outbox SET due_at = @next, attempts = attempts + 1, last_error = @error WHERE mail_id = @id AND sent_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("next", next);
        command.Parameters.AddWithValue("error", StoredText.Clean(error, 1000)!);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<long> CountWaiting()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM qase_mail_outbox WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }
}

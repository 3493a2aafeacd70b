using Npgsql;
using Qase.Webhooks.Grains.Notifications;

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
        command.Parameters.AddWithValue("error", error);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<long> CountWaiting()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM qase_mail_outbox WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }
}

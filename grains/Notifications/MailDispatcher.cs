using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Metrics;

namespace Qase.Webhooks.Grains.Notifications;

/// <summary>
/// Sends the queued owner emails over SMTP (MailKit). A mail leaves the queue only once the server has
/// accepted it; while the server is down it is retried with a growing wait. Without <c>Smtp:Host</c>
/// the mails are written to the log instead.
/// </summary>
public sealed partial class MailDispatcher(
    IMailOutbox outbox,
    IOptions<SmtpOptions> options,
    ServiceMetrics metrics,
    TimeProvider clock,
    ILogger<MailDispatcher> logger) : PeriodicService(clock)
{
    private const int Batch = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    private SmtpOptions Smtp => options.Value;

    protected override TimeSpan Period => Smtp.PollInterval;

    protected override async Task RunOnce(CancellationToken stoppingToken)
    {
        await SendDue(stoppingToken);
        metrics.MailsWaiting(await outbox.CountWaiting());
    }

    protected override void OnFailure(Exception exception) => LogQueueFailed(exception);

    private async Task SendDue(CancellationToken cancellationToken)
    {
        var due = await outbox.ClaimDue(Clock.GetUtcNow(), Lease, Batch);
        if (due.Count == 0)
        {
            return;
        }
        if (!Smtp.IsConfigured)
        {
            foreach (var notice in due)
            {
                LogMailInstead(notice.To, notice.Subject, notice.TextBody);
                await outbox.MarkSent(notice.Id, Clock.GetUtcNow());
            }
            return;
        }

        using var client = new SmtpClient();
        try
        {
            await Connect(client, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var notice in due)
            {
                await RetryLater(notice, ex);
            }
            return;
        }
        foreach (var notice in due)
        {
            try
            {
                await client.SendAsync(ToMessage(notice), cancellationToken);
                await outbox.MarkSent(notice.Id, Clock.GetUtcNow());
                _failures.Remove(notice.Id);
                metrics.MailSent();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await RetryLater(notice, ex);
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task Connect(SmtpClient client, CancellationToken cancellationToken)
    {
        var security = !Smtp.UseTls ? SecureSocketOptions.None
            : Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        client.Timeout = 30_000;
        client.ServerCertificateValidationCallback = Smtp.ServerCertificateValidation;
        await client.ConnectAsync(Smtp.Host!, Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(Smtp.UserName))
        {
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password ?? "", cancellationToken);
        }
    }

    private async Task RetryLater(OwnerNotice notice, Exception ex)
    {
        var failures = _failures[notice.Id] = _failures.GetValueOrDefault(notice.Id) + 1;
        var wait = Smtp.PollInterval * Math.Pow(2, Math.Min(failures - 1, 10));
        var next = Clock.GetUtcNow() + (wait > MaxWait ? MaxWait : wait);
        await outbox.Retry(notice.Id, next, ex.Message);
        LogSendFailed(notice.To, next, ex.Message);
    }

    private MimeMessage ToMessage(OwnerNotice notice)
    {
        var message = new MimeMessage
        {
            MessageId = notice.Id,
            Subject = notice.Subject,
            Date = notice.CreatedAt,
            Body = new BodyBuilder { TextBody = notice.TextBody, HtmlBody = notice.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(Smtp.From));
        message.To.Add(MailboxAddress.Parse(notice.To));
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Smtp:Host is not set, so this mail is logged instead of sent. To: {To}. Subject: {Subject}.\n{Body}")]
    private partial void LogMailInstead(string to, string subject, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the mail to {To}; it stays queued and is tried again at {Next}: {Error}")]
    private partial void LogSendFailed(string to, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue could not be read; it will be tried again.")]
    private partial void LogQueueFailed(Exception ex);
}

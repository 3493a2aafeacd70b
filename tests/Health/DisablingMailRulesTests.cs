using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Health;

/// <summary>Who gets the disabling mail, and the daily cap, without a cluster.</summary>
public sealed class DisablingMailRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordingMailOutbox _outbox = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public void The_cap_counts_only_mails_of_the_past_day()
    {
        List<DateTimeOffset> queued = [Now.AddDays(-1), Now.AddHours(-23), Now.AddMinutes(-1)];

        Assert.False(DisablingMail.HasRoom(queued, Now, maxPerDay: 2));
        Assert.Equal([Now.AddHours(-23), Now.AddMinutes(-1)], queued);
        Assert.True(DisablingMail.HasRoom(queued, Now.AddHours(1), maxPerDay: 2));
        Assert.Equal([Now.AddMinutes(-1)], queued);
    }

    [Fact]
    public async Task The_mail_goes_to_notify_email_before_the_workspace_owner_and_is_counted()
    {
        var data = Disabled(notifyEmail: "alerts@example.com");

        await Mail("owner@example.com").Queue(data, () => View(data));

        Assert.Equal("alerts@example.com", Assert.Single(_outbox.Queued).To);
        Assert.Equal([Now], data.MailsQueuedAt);
    }

    [Fact]
    public async Task Without_notify_email_the_workspace_owner_gets_it_and_without_either_nobody_does()
    {
        var data = Disabled(notifyEmail: null);

        await Mail(null).Queue(data, () => View(data));
        Assert.Empty(_outbox.Queued);

        await Mail("owner@example.com").Queue(data, () => View(data));
        Assert.Equal("owner@example.com", Assert.Single(_outbox.Queued).To);
    }

    [Fact]
    public async Task Past_the_daily_cap_the_mail_is_not_queued_until_a_day_has_gone()
    {
        var data = Disabled(notifyEmail: "alerts@example.com");
        var mail = Mail(null, maxPerDay: 2);

        for (var i = 0; i < 3; i++)
        {
            await mail.Queue(data, () => View(data));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(2, _outbox.Queued.Count);
        Assert.Equal(2, data.MailsQueuedAt.Count);

        _clock.Advance(TimeSpan.FromDays(1));
        await mail.Queue(data, () => View(data));
        Assert.Equal(3, _outbox.Queued.Count);
        Assert.Equal([_clock.GetUtcNow()], data.MailsQueuedAt);
    }

    [Fact]
    public async Task An_owed_mail_is_noted_until_settled()
    {
        var mail = Mail(null);

        await mail.Owe(Now);
        Assert.Equal(["ws/PRJ/wh_1"], await _outbox.Owing(Now.AddSeconds(1), 10));

        await mail.Settle();
        Assert.Empty(await _outbox.Owing(Now.AddSeconds(1), 10));
    }

    private DisablingMail Mail(string? owner, int maxPerDay = 5) =>
        new("ws/PRJ/wh_1", "ws", () => Task.FromResult(owner), _outbox, maxPerDay, _clock, NullLogger.Instance);

    private static WebhookState Disabled(string? notifyEmail) => new()
    {
        Title = "CI", Url = "https://ci.example.com/hook", Events = ["run.completed"], NotifyEmail = notifyEmail,
        DisabledReason = DisabledReason.Gone, DisabledAt = Now, CreatedAt = Now, UpdatedAt = Now,
    };

    private static Webhook View(WebhookState data) => new(
        "wh_1", "PRJ", data.Title, data.Url, data.Events, data.Enabled, false, data.DisabledReason, data.DisabledAt, null, null, Now,
        "410 Gone", data.NotifyEmail, data.CreatedAt, data.UpdatedAt, SignatureScheme.Hmac, null, null, null, false);
}

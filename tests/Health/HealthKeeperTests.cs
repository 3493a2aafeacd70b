using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Health;

/// <summary>
/// The health sequence without a cluster: which steps an attempt or a reminder tick asks of the webhook grain, in
/// which order, and how the disabling mail stays owed until it is queued.
/// </summary>
public sealed class HealthKeeperTests : IAsyncDisposable
{
    private const string Key = "ws/PRJ/wh_1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealthOptions Options = new();

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingMailOutbox _outbox = new();
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly RecordingHealthHost _host = new(new WebhookState
    {
        Title = "CI", Url = "https://ci.example.com/hook", Events = ["run.completed"], NotifyEmail = "alerts@example.com",
        CreatedAt = T0.AddDays(-10), UpdatedAt = T0.AddDays(-10),
    });

    private WebhookState Data => _host.Current!;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task The_first_failure_notes_the_error_writes_the_streak_and_watches_it()
    {
        await Keeper().OnAttempted(Failure(500, T0));

        Assert.Equal(["save enabled failing:12:00 notice:False", "watch"], _host.Steps);
        Assert.Equal((T0, "HTTP 500"), (Data.LastFailureAt, Data.LastError));
    }

    [Fact]
    public async Task Attempts_that_change_no_health_write_nothing()
    {
        var keeper = Keeper();
        await keeper.OnAttempted(Success(T0));
        Data.FailingSince = T0;
        await keeper.OnAttempted(Failure(503, T0.AddHours(1)));

        Assert.Empty(_host.Steps);
        Assert.Equal((T0, T0.AddHours(1)), (Data.LastSuccessAt, Data.LastFailureAt)); // kept, written with the next transition
    }

    [Fact]
    public async Task A_success_ends_the_streak_and_leaves_the_reminder_to_its_next_tick()
    {
        Data.FailingSince = T0;

        await Keeper().OnAttempted(Success(T0.AddHours(3)));

        Assert.Equal(["save enabled failing:- notice:False"], _host.Steps);
        Assert.Equal(T0.AddHours(3), Data.LastSuccessAt);
    }

    [Fact]
    public async Task A_410_disables_with_the_mail_owed_in_the_same_write_then_lets_go_of_the_work_and_queues_the_mail()
    {
        var owedDuringWrite = false;
        _outbox.WhileOwing = () => owedDuringWrite = _host.Steps.Count == 0;

        await Keeper().OnAttempted(Failure(410, T0));

        Assert.True(owedDuringWrite); // noted before the disabling is written
        Assert.Equal(["save and route disabled:Gone failing:- notice:True", "retire", "save disabled:Gone failing:- notice:False"], _host.Steps);
        Assert.Equal((T0, T0), (Data.DisabledAt, Data.UpdatedAt));
        var mail = Assert.Single(_outbox.Queued);
        Assert.Equal("alerts@example.com", mail.To);
        Assert.Contains("HTTP 410", mail.TextBody);
        Assert.Empty(await _outbox.Owing(T0.AddDays(1), 10));
    }

    [Fact]
    public async Task A_timeout_disables_as_timeout()
    {
        await Keeper().OnAttempted(new AttemptFact(T0, Succeeded: false, TimedOut: true, Status: null, Error: "no answer within 15 s"));

        Assert.Equal(DisabledReason.Timeout, Data.DisabledReason);
        Assert.Equal("save and route disabled:Timeout failing:- notice:True", _host.Steps[0]);
    }

    [Fact]
    public async Task A_mail_that_cannot_be_queued_stays_owed_until_the_sweep_asks_again()
    {
        _outbox.FailEnqueues(1);
        var keeper = Keeper();

        await keeper.OnAttempted(Failure(410, T0));

        Assert.Equal(["save and route disabled:Gone failing:- notice:True", "retire"], _host.Steps);
        Assert.True(Data.NoticePending);
        Assert.Equal([Key], await _outbox.Owing(T0.AddSeconds(1), 10));

        await keeper.SendOwedNotice();

        Assert.Equal("save disabled:Gone failing:- notice:False", _host.Steps[^1]);
        Assert.Single(_outbox.Queued);
        Assert.Empty(await _outbox.Owing(T0.AddSeconds(1), 10));
    }

    [Fact]
    public async Task A_new_activation_queues_a_mail_the_last_one_owed_and_otherwise_does_nothing()
    {
        var keeper = Keeper();
        await keeper.QueueOwedNotice();
        Assert.Empty(_host.Steps);

        Data.MarkDisabled(DisabledReason.Failing, T0);
        Data.NoticePending = true;
        await keeper.QueueOwedNotice();

        Assert.Equal(["save disabled:Failing failing:- notice:False"], _host.Steps);
        Assert.Single(_outbox.Queued);
    }

    [Fact]
    public async Task The_sweep_asking_for_a_mail_no_longer_owed_settles_the_note()
    {
        await _outbox.Owe(Key, T0);

        await Keeper().SendOwedNotice();

        Assert.Empty(_host.Steps);
        Assert.Empty(_outbox.Queued);
        Assert.Empty(await _outbox.Owing(T0.AddSeconds(1), 10));
    }

    [Fact]
    public async Task A_webhook_disabled_by_hand_while_the_mail_was_noted_stays_disabled_by_hand_and_gets_no_mail()
    {
        _outbox.WhileOwing = () => Data.MarkDisabled(DisabledReason.Manual, T0);

        await Keeper().OnAttempted(Failure(410, T0));

        Assert.Equal(DisabledReason.Manual, Data.DisabledReason);
        Assert.Empty(_host.Steps);
        Assert.Empty(_outbox.Queued);
    }

    [Fact]
    public async Task Attempts_of_a_disabled_or_deleted_webhook_change_nothing()
    {
        Data.MarkDisabled(DisabledReason.Manual, T0);
        await Keeper().OnAttempted(Failure(410, T0.AddMinutes(1)));
        Assert.Equal(DisabledReason.Manual, Data.DisabledReason);

        _host.Current = null;
        await Keeper().OnAttempted(Failure(410, T0.AddMinutes(2)));

        Assert.Empty(_host.Steps);
        Assert.Empty(_outbox.Queued);
    }

    [Fact]
    public async Task A_tick_inside_the_window_keeps_watching_and_one_past_it_disables_as_failing()
    {
        Data.FailingSince = T0;
        var keeper = Keeper();

        _clock.SetUtcNow(T0 + Options.FailureWindow - TimeSpan.FromMinutes(1));
        await keeper.OnCheck();
        Assert.Empty(_host.Steps);

        _clock.SetUtcNow(T0 + Options.FailureWindow);
        await keeper.OnCheck();

        Assert.Equal(DisabledReason.Failing, Data.DisabledReason);
        Assert.Equal(T0 + Options.FailureWindow, Data.DisabledAt);
        Assert.Equal("save and route disabled:Failing failing:12:00 notice:True", _host.Steps[0]);
        Assert.Single(_outbox.Queued);
    }

    [Fact]
    public async Task A_tick_with_nothing_to_watch_removes_the_reminder_even_of_a_deleted_webhook()
    {
        await Keeper().OnCheck();
        _host.Current = null;
        await Keeper().OnCheck();

        Assert.Equal(["stop watching", "stop watching"], _host.Steps);
    }

    private HealthKeeper Keeper()
    {
        var mail = new DisablingMail(Key, "ws", () => Task.FromResult<string?>("owner@example.com"), _outbox, Options.MaxMailsPerDay, _clock,
            NullLogger.Instance);
        return new HealthKeeper(_host, Key, mail, Options, new ServiceMetrics(_services.GetRequiredService<IMeterFactory>()), _clock,
            NullLogger.Instance);
    }

    private static AttemptFact Failure(int status, DateTimeOffset at) => new(at, Succeeded: false, TimedOut: false, status, $"HTTP {status}");

    private static AttemptFact Success(DateTimeOffset at) => new(at, Succeeded: true, TimedOut: false, 200, null);
}

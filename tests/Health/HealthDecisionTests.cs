using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Health;

namespace Qase.Webhooks.Tests.Health;

/// <summary>The health rules as a plain function: what one attempt, or one reminder tick, means for a webhook.</summary>
public sealed class HealthDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealthOptions Options = new();
    private static readonly WebhookHealth Healthy = new(Enabled: true, FailingSince: null);
    private static readonly WebhookHealth Failing = new(Enabled: true, FailingSince: T0);

    private static AttemptFact Result(int? status, DateTimeOffset at, bool timedOut = false) =>
        new(at, Succeeded: status is >= 200 and <= 299, timedOut, status, status is >= 200 and <= 299 ? null : "boom");

    [Fact]
    public void A_success_of_a_healthy_webhook_changes_nothing() =>
        Assert.Equal(HealthDecision.None, HealthRules.AfterAttempt(Healthy, Result(200, T0), Options));

    [Fact]
    public void A_success_ends_a_streak() =>
        Assert.Equal(HealthDecision.StreakEnds, HealthRules.AfterAttempt(Failing, Result(204, T0.AddHours(1)), Options));

    [Fact]
    public void The_first_failure_starts_a_streak() =>
        Assert.Equal(HealthDecision.StreakStarts, HealthRules.AfterAttempt(Healthy, Result(500, T0), Options));

    [Fact]
    public void A_failure_inside_the_window_changes_nothing() =>
        Assert.Equal(HealthDecision.None, HealthRules.AfterAttempt(Failing, Result(500, T0 + Options.FailureWindow - TimeSpan.FromSeconds(1)), Options));

    [Fact]
    public void A_failure_at_the_end_of_the_window_disables_as_failing() =>
        Assert.Equal(HealthDecision.Disable(DisabledReason.Failing), HealthRules.AfterAttempt(Failing, Result(500, T0 + Options.FailureWindow), Options));

    [Fact]
    public void A_timeout_disables_at_once_unless_turned_off()
    {
        Assert.Equal(HealthDecision.Disable(DisabledReason.Timeout), HealthRules.AfterAttempt(Healthy, Result(null, T0, timedOut: true), Options));
        Assert.Equal(HealthDecision.StreakStarts,
            HealthRules.AfterAttempt(Healthy, Result(null, T0, timedOut: true), new HealthOptions { DisableOnTimeout = false }));
    }

    [Fact]
    public void A_410_disables_at_once_as_gone() =>
        Assert.Equal(HealthDecision.Disable(DisabledReason.Gone), HealthRules.AfterAttempt(Failing, Result(410, T0.AddMinutes(1)), Options));

    [Fact]
    public void Failures_of_a_disabled_webhook_change_nothing() =>
        Assert.Equal(HealthDecision.None, HealthRules.AfterAttempt(new WebhookHealth(false, null), Result(410, T0), Options));

    [Fact]
    public void A_tick_with_no_streak_removes_the_reminder()
    {
        Assert.Equal(HealthDecision.StopWatching, HealthRules.OnCheck(Healthy, Options, T0));
        Assert.Equal(HealthDecision.StopWatching, HealthRules.OnCheck(new WebhookHealth(false, T0), Options, T0.AddDays(3)));
    }

    [Fact]
    public void A_tick_disables_only_once_the_window_has_passed()
    {
        Assert.Equal(HealthDecision.None, HealthRules.OnCheck(Failing, Options, T0 + Options.FailureWindow - TimeSpan.FromMinutes(1)));
        Assert.Equal(HealthDecision.Disable(DisabledReason.Failing), HealthRules.OnCheck(Failing, Options, T0 + Options.FailureWindow));
    }

    [Fact]
    public void The_first_failure_starts_a_streak_however_long_ago_the_last_success_was() =>
        Assert.Equal(HealthDecision.StreakStarts, HealthRules.AfterAttempt(Healthy, Result(500, T0.AddDays(30)), Options));

    [Fact]
    public void A_success_ends_the_streak_of_a_webhook_disabled_meanwhile() =>
        Assert.Equal(HealthDecision.StreakEnds, HealthRules.AfterAttempt(new WebhookHealth(false, T0), Result(200, T0.AddMinutes(1)), Options));

    [Fact]
    public void A_timeout_turned_off_counts_as_a_failure_of_the_streak()
    {
        var patient = new HealthOptions { DisableOnTimeout = false };

        Assert.Equal(HealthDecision.None, HealthRules.AfterAttempt(Failing, Result(null, T0.AddHours(1), timedOut: true), patient));
        Assert.Equal(HealthDecision.Disable(DisabledReason.Failing),
            HealthRules.AfterAttempt(Failing, Result(null, T0 + patient.FailureWindow, timedOut: true), patient));
    }

    [Fact]
    public void A_shorter_failure_window_disables_sooner()
    {
        var strict = new HealthOptions { FailureWindow = TimeSpan.FromMinutes(5) };

        Assert.Equal(HealthDecision.Disable(DisabledReason.Failing), HealthRules.AfterAttempt(Failing, Result(503, T0.AddMinutes(5)), strict));
        Assert.Equal(HealthDecision.Disable(DisabledReason.Failing), HealthRules.OnCheck(Failing, strict, T0.AddMinutes(5)));
    }
}

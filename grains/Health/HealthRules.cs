using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Grains.Health;

/// <summary>
/// The product's health rules as a function of their inputs: a timeout (when <c>Health:DisableOnTimeout</c>)
/// or <c>410 Gone</c> disables at once; the first failure starts a streak; a success ends it; a streak that
/// outlasts <c>Health:FailureWindow</c> disables, found by the next failure or by the reminder's tick.
/// </summary>
public static class HealthRules
{
    /// <summary>What one finished attempt means for the webhook.</summary>
    public static HealthDecision AfterAttempt(WebhookHealth health, AttemptFact fact, HealthOptions options)
    {
        if (fact.Succeeded)
        {
            return health.FailingSince is null ? HealthDecision.None : HealthDecision.StreakEnds;
        }
        if (!health.Enabled)
        {
            return HealthDecision.None;
        }
        if (fact.TimedOut && options.DisableOnTimeout)
        {
            return HealthDecision.Disable(DisabledReason.Timeout);
        }
        if (fact.Status == 410)
        {
            return HealthDecision.Disable(DisabledReason.Gone);
        }
        if (health.FailingSince is not { } since)
        {
            return HealthDecision.StreakStarts;
        }
        return fact.At - since >= options.FailureWindow ? HealthDecision.Disable(DisabledReason.Failing) : HealthDecision.None;
    }

    /// <summary>What the health reminder's tick at <paramref name="now"/> means for the webhook.</summary>
    public static HealthDecision OnCheck(WebhookHealth health, HealthOptions options, DateTimeOffset now)
    {
        if (!health.Enabled || health.FailingSince is not { } since)
        {
            return HealthDecision.StopWatching; // healthy (or out of service): the reminder table keeps nothing for it
        }
        return now - since >= options.FailureWindow ? HealthDecision.Disable(DisabledReason.Failing) : HealthDecision.None;
    }
}

using Qase.Webhooks.Contracts.Webhooks;

namespace Qase.Webhooks.Grains.Health;

/// <summary>A decision of <see cref="HealthRules"/>: what <see cref="HealthKeeper"/> applies through the webhook grain.</summary>
public sealed record HealthDecision(HealthChange Change, DisabledReason? Reason = null)
{
    public static HealthDecision None { get; } = new(HealthChange.None);

    public static HealthDecision StreakStarts { get; } = new(HealthChange.StreakStarts);

    public static HealthDecision StreakEnds { get; } = new(HealthChange.StreakEnds);

    public static HealthDecision StopWatching { get; } = new(HealthChange.StopWatching);

    public static HealthDecision Disable(DisabledReason reason) => new(HealthChange.Disable, reason);
}

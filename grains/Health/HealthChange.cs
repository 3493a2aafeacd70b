namespace Qase.Webhooks.Grains.Health;

/// <summary>What a health decision asks the webhook grain to do.</summary>
public enum HealthChange
{
    /// <summary>Nothing to write: the webhook stays as it is.</summary>
    None,

    /// <summary>The first failure: remember when the streak began and watch it with the reminder.</summary>
    StreakStarts,

    /// <summary>A success after failures: the streak is over (its reminder goes on its next tick).</summary>
    StreakEnds,

    /// <summary>Take the webhook out of service for <see cref="HealthDecision.Reason"/> and mail its owner.</summary>
    Disable,

    /// <summary>A reminder tick found nothing to watch: remove the reminder.</summary>
    StopWatching,
}

namespace Qase.Webhooks.Grains.Health;

/// <summary>The <c>Health:*</c> configuration keys: when an endpoint's webhook is disabled.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    public bool DisableOnTimeout { get; set; } = true;

    /// <summary>How long a webhook may fail without a single success before it is disabled.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The period of the reminder that checks a failing webhook.</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(1);
}

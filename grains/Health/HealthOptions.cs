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

    /// <summary>
    /// Disabling mails per webhook in any 24 hours; past it a mail is logged, not sent. <c>notify_email</c> is not
    /// verified, so without a cap a publish, <c>410</c>, enable loop would mail any address through our relay.
    /// </summary>
    public int MaxMailsPerDay { get; set; } = 5;

    public const int MaxMailsPerDayLimit = 1000;
}

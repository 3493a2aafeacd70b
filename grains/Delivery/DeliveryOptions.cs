namespace Qase.Webhooks.Grains.Delivery;

/// <summary>The <c>Delivery:*</c> configuration keys.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    /// <summary>How long an attempt may take from connecting to the status line.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Allows deliveries to loopback, private and link-local addresses (development and tests).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long finished deliveries stay in the log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The waits before retries 1, 2, 3...; the last repeats. Empty means <see cref="DefaultRetrySchedule"/>:
    /// configuration binding appends to a list, so a configured list must start from empty to replace the default whole.
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    public int MaxConcurrencyPerWebhook { get; set; } = 16;

    /// <summary>The most deliveries a webhook's pump holds at once, queued or in flight; the rest wait in the store.</summary>
    public int Window => MaxConcurrencyPerWebhook * 4;

    /// <summary>How often each silo looks for pending deliveries that no active webhook grain holds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often finished deliveries past <see cref="Retention"/> are removed.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sends the attempt's W3C trace context (<c>traceparent</c>) to receivers; off, they learn nothing of the service's traces.</summary>
    public bool PropagateTraceContext { get; set; }

    /// <summary>
    /// How long the sweep leaves a webhook that cannot send (free plan, disabled) before it looks again; upgrading
    /// or enabling brings it back at once, this only bounds what a missed resume can cost.
    /// </summary>
    public TimeSpan PausedRecheck => SweepInterval * 12;

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;
}

using System.Diagnostics.Metrics;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;


namespace Qase.Webhooks.Grains.Metrics;

/// <summary>The service's own instruments (meter <c>Qase.Webhooks</c>), exported at <c>/metrics</c>.</summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "Qase.Webhooks";

    private readonly Counter<long> _published;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _disabled;
    private readonly Counter<long> _mailsSent;
    private static readonly string[] Outcomes = ["succeeded", "failed", "timeout"];
    private static readonly DisabledReason[] AutomaticReasons = [DisabledReason.Timeout, DisabledReason.Failing, DisabledReason.Gone];

    private long _waiting;
    private long _mailsWaiting;

    public ServiceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("qase.events.published", "{event}", "Events accepted for delivery.");
        _attempts = meter.CreateCounter<long>("qase.delivery.attempts", "{attempt}", "Delivery attempts by outcome: succeeded, failed or timeout.");
        _finished = meter.CreateCounter<long>("qase.deliveries.finished", "{delivery}", "Deliveries that reached a final status, by status.");
        _duration = meter.CreateHistogram<double>("qase.delivery.attempt.duration", "s", "How long attempts took, to the status line.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30] });
        _disabled = meter.CreateCounter<long>("qase.webhooks.disabled", "{webhook}", "Webhooks disabled automatically, by reason.");
        _mailsSent = meter.CreateCounter<long>("qase.mails.sent", "{mail}", "Owner emails the SMTP server accepted.");
        meter.CreateObservableGauge("qase.mails.waiting", () => Volatile.Read(ref _mailsWaiting), "{mail}", "Owner emails queued, as last counted.");
        meter.CreateObservableGauge("qase.deliveries.waiting", () => Volatile.Read(ref _waiting), "{delivery}", "Deliveries pending, as last counted.");

        // Every series starts at zero, so that rates and dashboards show "none yet" rather than "no data".
        _published.Add(0);
        foreach (var outcome in Outcomes)
        {
            _attempts.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }
        foreach (var status in new[] { DeliveryStatus.Succeeded, DeliveryStatus.Failed })
        {
            Finished(status, 0);
        }
        foreach (var reason in AutomaticReasons)
        {
            _disabled.Add(0, new KeyValuePair<string, object?>("reason", ReasonLabel(reason)));
        }
        _mailsSent.Add(0);
    }

    /// <summary>The <c>outcome</c> label of an attempt: <c>succeeded</c>, <c>failed</c> or <c>timeout</c>.</summary>
    public static string Outcome(SendResult result) => result.Succeeded ? "succeeded" : result.TimedOut ? "timeout" : "failed";

    public static string ReasonLabel(DisabledReason reason) => reason.ToString().ToLowerInvariant();

    public void Published(int events) => _published.Add(events);

    public void Attempted(SendResult result)
    {
        var outcome = Outcome(result);
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(result.DurationMs / 1000.0, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Finished(DeliveryStatus status, int count = 1) =>
        _finished.Add(count, new KeyValuePair<string, object?>("status", status == DeliveryStatus.Succeeded ? "succeeded" : "failed"));

    public void Disabled(DisabledReason reason) => _disabled.Add(1, new KeyValuePair<string, object?>("reason", ReasonLabel(reason)));

    public void Waiting(long count) => Volatile.Write(ref _waiting, count);

    public void MailSent() => _mailsSent.Add(1);

    public void MailsWaiting(long count) => Volatile.Write(ref _mailsWaiting, count);
}

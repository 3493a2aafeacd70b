using System.Diagnostics.Metrics;
using Qase.Webhooks.Contracts.Delivery;
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
        _disabled = meter.CreateCounter<long>("qase.webhooks.disabled", "{webhook}", "Webhooks disabled, by reason.");
        _mailsSent = meter.CreateCounter<long>("qase.mails.sent", "{mail}", "Owner emails the SMTP server accepted.");
        meter.CreateObservableGauge("qase.mails.waiting", () => Volatile.Read(ref _mailsWaiting), "{mail}", "Owner emails queued, as last counted.");
        meter.CreateObservableGauge("qase.deliveries.waiting", () => Volatile.Read(ref _waiting), "{delivery}", "Deliveries pending, as last counted.");
    }

    public void Published(int events) => _published.Add(events);

    public void Attempted(SendResult result)
    {
        var outcome = result.Succeeded ? "succeeded" : result.TimedOut ? "timeout" : "failed";
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(result.DurationMs / 1000.0, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Finished(DeliveryStatus status, int count = 1) =>
        _finished.Add(count, new KeyValuePair<string, object?>("status", status == DeliveryStatus.Succeeded ? "succeeded" : "failed"));

    public void Disabled(string reason) => _disabled.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Waiting(long count) => Volatile.Write(ref _waiting, count);

    public void MailSent() => _mailsSent.Add(1);

    public void MailsWaiting(long count) => Volatile.Write(ref _mailsWaiting, count);
}

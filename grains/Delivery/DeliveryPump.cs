using Microsoft.Extensions.Logging;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Tracing;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A webhook's delivery loop. It keeps up to <c>Delivery:MaxConcurrencyPerWebhook</c> attempts in flight,
/// takes new deliveries handed over by the router and due ones from the store, and records finished
/// attempts in batches: while one batch is written the next gathers (the hot path's I/O is batched).
/// It runs on its grain's scheduler, so its fields need no locks.
/// </summary>
public sealed partial class DeliveryPump(
    string webhookKey,
    IDeliveryHost host,
    IDeliveryStore store,
    WebhookSender sender,
    ServiceMetrics metrics,
    DeliveryOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly Queue<(PendingDelivery Delivery, bool Later)> _ready = new(); // Later: claimed from the store, not handed over by a publish
    private readonly HashSet<string> _held = new(StringComparer.Ordinal); // queued, in flight or not yet recorded
    private readonly List<AttemptOutcome> _unrecorded = [];
    private int _inFlight;
    private bool _claiming;
    private bool _claimAgain;
    private bool _moreInStore;
    private bool _recording;

    /// <summary>Takes deliveries the router just recorded and starts them.</summary>
    public void Add(IReadOnlyList<PendingDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            if (_held.Add(delivery.DeliveryId))
            {
                _ready.Enqueue((delivery, false));
            }
        }
        Pump();
    }

    /// <summary>Forgets queued deliveries (the webhook stopped taking them); in-flight attempts finish as failed.</summary>
    public void Drop()
    {
        while (_ready.TryDequeue(out var queued))
        {
            _held.Remove(queued.Delivery.DeliveryId);
        }
        _moreInStore = false;
    }

    /// <summary>A wake-up (the sweep, a redelivery): look in the store now, or as soon as the queue drains when busy.</summary>
    public Task Wake()
    {
        if (_ready.Count > 0)
        {
            _moreInStore = true; // Pump claims when the queue runs dry
            return Task.CompletedTask;
        }
        return Claim();
    }

    /// <summary>Takes due deliveries from the store: after activation, on a wake-up and when a retry falls due.</summary>
    public async Task Claim()
    {
        if (_claiming)
        {
            _claimAgain = true;
            return;
        }
        _claiming = true;
        try
        {
            do
            {
                _claimAgain = false;
                if (host.Endpoint is null || !await host.MaySend())
                {
                    // Disabled, or a free plan's retries waiting for an upgrade: the sweep leaves this webhook alone for a while.
                    await store.Pause(webhookKey, clock.GetUtcNow() + options.PausedRecheck);
                    return;
                }
                var limit = options.MaxConcurrencyPerWebhook * 4;
                var due = await store.ClaimDue(webhookKey, clock.GetUtcNow(), limit, _held);
                foreach (var delivery in due)
                {
                    if (_held.Add(delivery.DeliveryId))
                    {
                        _ready.Enqueue((delivery, true));
                    }
                }
                _moreInStore = due.Count == limit;
                Pump();
            }
            while (_claimAgain);
            if (await store.NextDue(webhookKey, _held) is { } next)
            {
                host.WakeAt(next);
            }
        }
        catch (Exception ex)
        {
            LogClaimFailed(ex, webhookKey); // the sweep wakes this webhook again
        }
        finally
        {
            _claiming = false;
        }
    }

    private void Pump()
    {
        if (host.Endpoint is null)
        {
            Drop();
            return;
        }
        while (_inFlight < options.MaxConcurrencyPerWebhook && _ready.TryDequeue(out var queued))
        {
            _inFlight++;
            _ = Attempt(queued.Delivery, queued.Later);
        }
        if (_ready.Count == 0 && _moreInStore)
        {
            _ = Claim();
        }
    }

    private async Task Attempt(PendingDelivery delivery, bool later)
    {
        var attempt = delivery.AttemptCount + 1;
        var span = ServiceTelemetry.StartAttempt(webhookKey, delivery.DeliveryId, delivery.EventName, attempt, delivery.TraceContext, later);
        SendResult result;
        try
        {
            var endpoint = host.Endpoint;
            result = endpoint is null
                ? new SendResult(clock.GetUtcNow(), null, 0, "the webhook was disabled", null, false, null, "")
                : await sender.Send(endpoint.Url, endpoint.Secret, delivery.DeliveryId, delivery.EventName, delivery.Body);
        }
        finally
        {
            _inFlight--;
        }
        metrics.Attempted(result);
        await host.OnAttempted(result);

        AttemptOutcome outcome;
        if (result.Succeeded)
        {
            outcome = new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Succeeded, null);
        }
        else if (host.Endpoint is not null)
        {
            var wait = RetryPolicy.Delay(options.EffectiveRetrySchedule, delivery.AttemptCount + 1, result.RetryAfter, Random.Shared);
            outcome = new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Pending, result.At + wait);
            host.WakeAt(result.At + wait);
        }
        else
        {
            outcome = new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Failed, null);
        }
        if (outcome.Status != DeliveryStatus.Pending)
        {
            metrics.Finished(outcome.Status);
        }
        LogOutcome(delivery.DeliveryId, attempt, result, outcome);
        // Ended before the batched write and the next attempts, which are not this attempt's work.
        ServiceTelemetry.Finish(span, result);
        _unrecorded.Add(outcome);
        _ = Record();
        Pump();
    }

    private async Task Record()
    {
        if (_recording)
        {
            return;
        }
        _recording = true;
        try
        {
            while (_unrecorded.Count > 0)
            {
                var batch = _unrecorded.ToList();
                _unrecorded.Clear();
                try
                {
                    await store.Record(batch);
                }
                catch (Exception ex)
                {
                    // Kept and held, so nothing is sent twice or forgotten; written again shortly.
                    LogRecordFailed(ex, webhookKey, batch.Count, string.Join(",", batch.Select(o => o.DeliveryId)));
                    _unrecorded.InsertRange(0, batch);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    continue;
                }
                foreach (var outcome in batch)
                {
                    _held.Remove(outcome.DeliveryId);
                }
            }
        }
        finally
        {
            _recording = false;
        }
    }

    private void LogOutcome(string deliveryId, int attempt, SendResult result, AttemptOutcome outcome)
    {
        switch (outcome.Status)
        {
            case DeliveryStatus.Succeeded:
                LogSucceeded(webhookKey, deliveryId, attempt, result.Status, result.DurationMs);
                break;
            case DeliveryStatus.Pending:
                LogRetrying(webhookKey, deliveryId, attempt, result.Error, outcome.NextAttemptAt);
                break;
            default:
                LogFailed(webhookKey, deliveryId, attempt, result.Error);
                break;
        }
    }

    // Every line about deliveries names the webhook and the delivery as fields; never the URL (it may hold a token) or a secret.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {DeliveryId} of webhook {WebhookKey} succeeded on attempt {Attempt}: HTTP {Status} in {DurationMs} ms.")]
    private partial void LogSucceeded(string webhookKey, string deliveryId, int attempt, int? status, long durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} of webhook {WebhookKey} failed on attempt {Attempt}: {Error}; next attempt at {NextAttemptAt:O}.")]
    private partial void LogRetrying(string webhookKey, string deliveryId, int attempt, string? error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} of webhook {WebhookKey} failed on attempt {Attempt}: {Error}; the webhook takes no deliveries now, so it is marked failed.")]
    private partial void LogFailed(string webhookKey, string deliveryId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for due deliveries of webhook {WebhookKey}; the sweep will try again.")]
    private partial void LogClaimFailed(Exception ex, string webhookKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} finished attempts of webhook {WebhookKey} (deliveries {DeliveryIds}); trying again.")]
    private partial void LogRecordFailed(Exception ex, string webhookKey, int count, string deliveryIds);
}

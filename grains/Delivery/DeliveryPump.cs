using Microsoft.Extensions.Logging;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Metrics;

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
    private readonly Queue<PendingDelivery> _ready = new();
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
                _ready.Enqueue(delivery);
            }
        }
        Pump();
    }

    /// <summary>Forgets queued deliveries (the webhook stopped taking them); in-flight attempts finish as failed.</summary>
    public void Drop()
    {
        while (_ready.TryDequeue(out var delivery))
        {
            _held.Remove(delivery.DeliveryId);
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
                    return; // disabled: nothing to do; free plan: retries wait for an upgrade
                }
                var limit = options.MaxConcurrencyPerWebhook * 4;
                var due = await store.ClaimDue(webhookKey, clock.GetUtcNow(), limit, _held);
                foreach (var delivery in due)
                {
                    if (_held.Add(delivery.DeliveryId))
                    {
                        _ready.Enqueue(delivery);
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
        while (_inFlight < options.MaxConcurrencyPerWebhook && _ready.TryDequeue(out var delivery))
        {
            _inFlight++;
            _ = Attempt(delivery);
        }
        if (_ready.Count == 0 && _moreInStore)
        {
            _ = Claim();
        }
    }

    private async Task Attempt(PendingDelivery delivery)
    {
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
                    LogRecordFailed(ex, webhookKey, batch.Count);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for due deliveries of {Webhook}; the sweep will try again.")]
    private partial void LogClaimFailed(Exception ex, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} finished attempts of {Webhook}; trying again.")]
    private partial void LogRecordFailed(Exception ex, string webhook, int count);
}

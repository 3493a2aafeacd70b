using Microsoft.Extensions.Logging;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Tracing;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A webhook's delivery loop. Its backlog stays in the store: it keeps a window of at most
/// 4 × <c>Delivery:MaxConcurrencyPerWebhook</c> claimed deliveries (queued or in flight), keeps up to that
/// concurrency in flight, and claims more as slots free up; a publish's new deliveries are handed to it by the router
/// (<see cref="Take"/>). A delivery is held from its claim or handoff until its outcome is in the store, and a claim
/// skips what is held, so nothing is sent twice without a crash or a lost write.
/// Outcomes go to the silo's <see cref="AttemptRecorder"/>; once sent, a delivery no longer takes room in the
/// window (its body is let go), only its id stays held. It runs on its grain's scheduler (its fields need no
/// locks); the HTTP I/O does not.
/// Its webhook's <see cref="DeliveryControls"/> pace it: a rate limit spaces the starts of attempts (a
/// <see cref="RateBucket"/>; the window waits, the backlog stays in the store), and an ordered webhook keeps a window
/// of one: the first pending delivery in acceptance order, claimed only once the one before it is recorded.
/// </summary>
public sealed partial class DeliveryPump(
    string webhookKey,
    IDeliveryHost host,
    IDeliveryStore store,
    AttemptRecorder recorder,
    WebhookSender sender,
    ServiceMetrics metrics,
    DeliveryOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly Queue<PendingDelivery> _ready = new();
    private readonly HashSet<string> _held = new(StringComparer.Ordinal); // claimed, until the outcome is recorded
    private readonly HashSet<string> _resendAfterOutcome = new(StringComparer.Ordinal);
    private readonly RateBucket _bucket = new();
    private readonly HandoffLedger _handoffs = new(options.MaxConcurrencyPerWebhook * 64); // sixteen windows' worth
    private int _inFlight;
    private bool _claiming;
    private bool _claimAgain;
    private bool _moreInStore;
    private bool _scheduleKnown;
    private DateTimeOffset? _heldUntil;

    private bool Ordered => host.Controls.Ordered;

    private int Concurrency => Ordered ? 1 : options.MaxConcurrencyPerWebhook;

    private int Window => options.Window;

    // An ordered webhook claims its next delivery only when the one before is recorded: a crash then repeats, never reorders.
    private int Room => Ordered ? (_held.Count == 0 ? 1 : 0) : Window - _ready.Count - _inFlight;

    /// <summary>
    /// Called before a redelivery is written: a delivery whose attempt is under way would have the redelivery overwritten
    /// by that attempt's outcome, so it is queued again once the outcome is recorded. A queued one just goes as it is.
    /// </summary>
    public void ResendAfterOutcome(string deliveryId)
    {
        if (_held.Contains(deliveryId) && !_ready.Any(d => d.DeliveryId == deliveryId))
        {
            _resendAfterOutcome.Add(deliveryId);
        }
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

    /// <summary>
    /// The webhook's controls changed: turning ordered delivery on lets go of the queued deliveries (those in flight
    /// finish first), so the next claim starts from the first in acceptance order.
    /// </summary>
    public Task Reconfigure()
    {
        if (Ordered)
        {
            Drop();
        }
        return Wake();
    }

    /// <summary>A rate-limited webhook may start its next attempts now.</summary>
    public void Resume() => Pump();

    /// <summary>New or due work in the store (a publish, the sweep, a redelivery): claim it now, or as soon as the window has room.</summary>
    public Task Wake()
    {
        _moreInStore = true;
        return Room >= Concurrency ? Claim() : Task.CompletedTask;
    }

    /// <summary>
    /// Deliveries the router has just committed, handed over with their wake: queued at once, without asking the store,
    /// when nothing the store could give is unaccounted for. A claim in flight may have read them before they were
    /// queued here (it would send them again once they were recorded), an ordered or rate-limited webhook's claim decides
    /// its order and pace, and a window without room for all of them leaves them in the store: then it is a wake.
    /// </summary>
    public Task Take(IReadOnlyList<PendingDelivery> handed)
    {
        // A claim since their commit may have taken some already: those are held, or sent and recorded.
        var fresh = handed.Where(d => !_handoffs.ClaimedBefore(d.DeliveryId) && !_held.Contains(d.DeliveryId)).ToList();
        if (_claiming || _moreInStore || !_scheduleKnown || Ordered || host.Controls.RateLimit is not null || fresh.Count > Room)
        {
            foreach (var delivery in fresh)
            {
                _handoffs.LeftToStore(delivery.DeliveryId);
            }
            return Wake();
        }
        foreach (var delivery in fresh)
        {
            _held.Add(delivery.DeliveryId);
            _ready.Enqueue(delivery);
        }
        Pump();
        return Task.CompletedTask;
    }

    /// <summary>Takes due deliveries from the store, as many as the window has room for.</summary>
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
                if (Ordered)
                {
                    await ClaimFirstInOrder();
                    continue;
                }
                var room = Room;
                if (room <= 0)
                {
                    _moreInStore = true; // claimed again as slots free up
                    return;
                }
                var due = await store.FindDue(webhookKey, clock.GetUtcNow(), room, _held);
                foreach (var delivery in due)
                {
                    if (_held.Add(delivery.DeliveryId))
                    {
                        _ready.Enqueue(delivery);
                        _handoffs.Claimed(delivery);
                    }
                }
                _moreInStore = due.Count == room;
                Pump();
            }
            while (_claimAgain);
            if (!_scheduleKnown && !_moreInStore && !Ordered)
            {
                // Retries this activation schedules wake it themselves; those of an earlier one are found once.
                if (await store.NextDue(webhookKey, _held) is { } next)
                {
                    host.WakeAt(next);
                }
                _scheduleKnown = true;
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

    // The first pending delivery in acceptance order, due or not: nothing after it goes before it.
    private async Task ClaimFirstInOrder()
    {
        if (Room == 0)
        {
            return; // the one claimed before is still in flight or being recorded; its end claims again
        }
        var first = await store.FirstInOrder(webhookKey);
        _moreInStore = false;
        if (first is not { } head || Room == 0)
        {
            return;
        }
        if (head.DueAt > clock.GetUtcNow())
        {
            host.WakeAt(head.DueAt); // a retry waiting out its backoff holds the rest
            if (_heldUntil != head.DueAt)
            {
                // The rest are due but held: the sweep leaves this webhook alone until its first is due again.
                _heldUntil = head.DueAt;
                await store.Pause(webhookKey, head.DueAt);
            }
            return;
        }
        _held.Add(head.Delivery.DeliveryId);
        _ready.Enqueue(head.Delivery);
        _handoffs.Claimed(head.Delivery);
        Pump();
    }

    private void Pump()
    {
        if (host.Endpoint is null)
        {
            Drop();
            return;
        }
        var limit = host.Controls.RateLimit;
        while (_inFlight < Concurrency && _ready.Count > 0)
        {
            var now = clock.GetUtcNow();
            if (!_bucket.TryTake(limit, now))
            {
                host.PumpAt(_bucket.NextAt(limit!.Value, now)); // the queued ones wait in the window, the rest in the store
                break;
            }
            var delivery = _ready.Dequeue();
            _inFlight++;
            _ = Attempt(delivery);
        }
        // Claimed again as soon as a round of slots is free, while the rest of the window still keeps the sends busy.
        if (_moreInStore && !_claiming && Room >= Concurrency)
        {
            _ = Claim();
        }
    }

    private async Task Attempt(PendingDelivery delivery)
    {
        var attempt = delivery.AttemptCount + 1;
        // A first attempt joins its publish's trace; a retry is a trace of its own that links to it.
        var span = ServiceTelemetry.StartAttempt(webhookKey, delivery.DeliveryId, delivery.EventName, attempt, delivery.TraceContext,
            later: delivery.AttemptCount > 0);
        AttemptOutcome outcome;
        try
        {
            SendResult result;
            try
            {
                var endpoint = host.Endpoint;
                result = endpoint is null
                    ? new SendResult(clock.GetUtcNow(), null, 0, "the webhook was disabled", null, false, null, "")
                    : await sender.Send(endpoint.Url, endpoint.Signer, delivery.DeliveryId, delivery.EventName, delivery.Body);
            }
            finally
            {
                _inFlight--;
            }
            metrics.Attempted(result);
            try
            {
                await host.OnAttempted(result.ToFact());
            }
            catch (Exception ex)
            {
                // The health update is retried by the next attempt; the delivery's own outcome is recorded regardless.
                LogHealthFailed(ex, webhookKey);
            }
            outcome = Settle(delivery, result);
            LogOutcome(delivery.DeliveryId, attempt, result, outcome);
            // Ended before the batched write and the next attempts, which are not this attempt's work.
            ServiceTelemetry.Finish(span, result);
        }
        catch (Exception ex)
        {
            // Whatever failed, the delivery is still pending and due in the store: let a claim take it again.
            LogAttemptFailed(ex, webhookKey, delivery.DeliveryId);
            span?.Dispose();
            _held.Remove(delivery.DeliveryId);
            _resendAfterOutcome.Remove(delivery.DeliveryId); // still due: the claim sends it again anyway
            host.WakeAt(clock.GetUtcNow() + options.EffectiveRetrySchedule[0]);
            Pump();
            return;
        }
        Pump();
        await recorder.Record(outcome);
        _held.Remove(delivery.DeliveryId);
        if (_resendAfterOutcome.Remove(delivery.DeliveryId))
        {
            await Resend(delivery.DeliveryId);
        }
        if (Ordered && _held.Count == 0)
        {
            await Claim(); // the next in order goes only now that this outcome is in the store
        }
    }

    private async Task Resend(string deliveryId)
    {
        try
        {
            await store.Requeue(webhookKey, deliveryId, clock.UtcNowMs());
            await Wake();
        }
        catch (Exception ex)
        {
            LogResendFailed(ex, webhookKey, deliveryId);
        }
    }

    private AttemptOutcome Settle(PendingDelivery delivery, SendResult result)
    {
        if (result.Succeeded)
        {
            metrics.Finished(DeliveryStatus.Succeeded);
            return new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Succeeded, null);
        }
        if (host.Endpoint is null)
        {
            metrics.Finished(DeliveryStatus.Failed);
            return new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Failed, null);
        }
        var retryAt = result.At + RetryPolicy.Delay(options.EffectiveRetrySchedule, delivery.AttemptCount + 1, result.RetryAfter, Random.Shared);
        host.WakeAt(retryAt);
        return new AttemptOutcome(webhookKey, delivery.DeliveryId, result.ToAttempt(), DeliveryStatus.Pending, retryAt);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the health of webhook {WebhookKey} after an attempt; its outcome is recorded all the same.")]
    private partial void LogHealthFailed(Exception ex, string webhookKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} of webhook {WebhookKey} was redelivered during its attempt, but could not be queued again after it; redeliver it once more.")]
    private partial void LogResendFailed(Exception ex, string webhookKey, string deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "An attempt of webhook {WebhookKey} failed before its outcome was settled; delivery {DeliveryId} stays due and is sent again.")]
    private partial void LogAttemptFailed(Exception ex, string webhookKey, string deliveryId);
}

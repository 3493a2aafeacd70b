using Microsoft.Extensions.Logging;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Grains.Health;

/// <summary>
/// A webhook's health sequence: each attempt's fact and each reminder tick go through <see cref="HealthRules"/>, and
/// the decision is applied through the grain (<see cref="IHealthHost"/>). Only transitions write. An automatic
/// disabling notes the owner's mail as owed before it is written, writes "owed" with it and queues the mail after,
/// so the mail is never lost: one that could not be queued stays owed for the sweep or the next activation.
/// Runs on the grain's turns, interleaved like it, so each step reads the state again after an await.
/// </summary>
public sealed partial class HealthKeeper(IHealthHost host, string webhookKey, DisablingMail mail, HealthOptions options,
    ServiceMetrics metrics, TimeProvider clock, ILogger logger)
{
    /// <summary>Notes what the attempt said in the state (written with the next transition) and applies its decision.</summary>
    public async Task OnAttempted(AttemptFact fact)
    {
        if (host.Current is not { } data)
        {
            return;
        }
        if (fact.Succeeded)
        {
            data.LastSuccessAt = fact.At;
        }
        else
        {
            data.LastFailureAt = fact.At;
            data.LastError = fact.Error;
        }
        await Apply(HealthRules.AfterAttempt(HealthOf(data), fact, options), fact.At);
    }

    /// <summary>The reminder's tick: a streak that outlasted the window disables; nothing to watch removes the reminder.</summary>
    public async Task OnCheck()
    {
        var health = host.Current is { } data ? HealthOf(data) : new WebhookHealth(false, null);
        await Apply(HealthRules.OnCheck(health, options, clock.GetUtcNow()), clock.UtcNowMs());
    }

    /// <summary>Queues the disabling mail if still owed: an earlier activation stopped between the disabling and its mail.</summary>
    public async Task QueueOwedNotice()
    {
        if (host.Current is { NoticePending: true } data)
        {
            await QueueNotice(data);
        }
    }

    /// <summary>
    /// The sweep's call: queues an owed mail, or tells the outbox there is none (it was queued meanwhile, or the
    /// disabling it was owed for never got written).
    /// </summary>
    public async Task SendOwedNotice()
    {
        if (host.Current is { NoticePending: true } data)
        {
            await QueueNotice(data);
        }
        else
        {
            await mail.Settle();
        }
    }

    private static WebhookHealth HealthOf(WebhookState data) => new(data.Enabled, data.FailingSince);

    private async Task Apply(HealthDecision decision, DateTimeOffset at)
    {
        var data = host.Current;
        switch (decision.Change)
        {
            case HealthChange.StreakStarts when data is not null:
                data.FailingSince = at;
                await host.Save();
                await host.Watch();
                break;
            case HealthChange.StreakEnds when data is not null:
                // Its reminder goes on its next tick, so a flapping endpoint does not churn the reminder table.
                data.FailingSince = null;
                await host.Save();
                break;
            case HealthChange.Disable:
                await Disable(decision.Reason!.Value);
                break;
            case HealthChange.StopWatching:
                await host.StopWatching();
                break;
        }
    }

    private async Task Disable(DisabledReason reason)
    {
        if (host.Current is not { Enabled: true })
        {
            return;
        }
        var now = clock.UtcNowMs();
        await mail.Owe(now);
        if (host.Current is not { Enabled: true } data)
        {
            return; // disabled by hand or deleted meanwhile: the outbox's note is settled by the sweep
        }
        data.MarkDisabled(reason, now);
        data.NoticePending = true; // written with the disabling: the mail is owed even if this activation dies now
        await host.SaveAndRoute();
        metrics.Disabled(reason);
        LogDisabled(webhookKey, reason, data.LastError);
        await host.Retire();
        await QueueNotice(data);
    }

    private async Task QueueNotice(WebhookState data)
    {
        try
        {
            await mail.Queue(data, host.View);
            data.NoticePending = false;
            await host.Save();
            await mail.Settle();
        }
        catch (Exception ex)
        {
            LogNoticeFailed(ex, webhookKey); // still owed: the sweep, or the next activation, queues it
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookKey} was disabled ({Reason}); last error: {LastError}")]
    private partial void LogDisabled(string webhookKey, DisabledReason reason, string? lastError);

    [LoggerMessage(Level = LogLevel.Error, Message = "The disabling mail of webhook {WebhookKey} could not be queued yet; the sweep will try again.")]
    private partial void LogNoticeFailed(Exception ex, string webhookKey);
}

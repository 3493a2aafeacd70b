using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Grains.Health;

/// <summary>
/// What a <see cref="HealthKeeper"/> asks of the webhook grain it works for. The grain stays the one authority:
/// it owns the state and its writes, the project's route and the reminder; the keeper says which step is due.
/// </summary>
public interface IHealthHost
{
    /// <summary>The webhook's state as it is now, for the keeper to change; <c>null</c> when the webhook does not exist.</summary>
    WebhookState? Current { get; }

    /// <summary>Writes the state: a streak that starts or ends, a mail no longer owed.</summary>
    Task Save();

    /// <summary>Writes the state, then tells the project's router: the webhook left service.</summary>
    Task SaveAndRoute();

    /// <summary>Watches a failing streak with the health reminder.</summary>
    Task Watch();

    /// <summary>Removes the health reminder: nothing to watch.</summary>
    Task StopWatching();

    /// <summary>After a disabling: a disabled webhook holds no work and no reminder, so it lets go of what it still had.</summary>
    Task Retire();

    /// <summary>What the owner sees of the webhook, for the disabling mail.</summary>
    Webhook View();
}

using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Routing;
namespace Qase.Webhooks.Grains.Routing;

/// <summary>
/// The routes of a project's router (same key as its public <c>IProjectEventRouterGrain</c>), as the
/// service's own grains keep them: webhook grains on every change, the workspace when the project goes.
/// Not part of the public contract, so no outside caller can route events past a webhook's own checks.
/// </summary>
[Alias("qase.IProjectRoutesGrain")]
public interface IProjectRoutesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or replaces a webhook's route; answers once it is stored. Interleaved, so that the upserts of webhooks
    /// created at once share one write of the router's state.
    /// </summary>
    [Alias("Upsert"), AlwaysInterleave]
    Task Upsert(WebhookRoute route);

    [Alias("Remove"), AlwaysInterleave]
    Task Remove(string webhookId);

    /// <summary>Every webhook of the project, enabled or not.</summary>
    [Alias("GetWebhookIds")]
    Task<IReadOnlyList<string>> GetWebhookIds();

    /// <summary>The webhooks that an event of this type goes to now.</summary>
    [Alias("GetSubscribers")]
    Task<IReadOnlyList<string>> GetSubscribers(string eventName);

    /// <summary>Forgets every route (the project is being deleted) and returns the webhooks it had.</summary>
    [Alias("Detach")]
    Task<IReadOnlyList<string>> Detach();
}

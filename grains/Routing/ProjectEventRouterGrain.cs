using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Routing;

public sealed class ProjectEventRouterGrain(
    [PersistentState("router", StorageNames.Default)] IPersistentState<RouterState> state) : Grain, IProjectEventRouterGrain
{
    // Event type to the enabled webhooks that take it, rebuilt from the routes on every change.
    private Dictionary<string, string[]> _subscribers = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildIndex();
        return Task.CompletedTask;
    }

    public async Task Upsert(WebhookRoute route)
    {
        if (state.State.Routes.TryGetValue(route.WebhookId, out var current)
            && current.Enabled == route.Enabled
            && current.Events.SequenceEqual(route.Events))
        {
            return;
        }
        state.State.Routes[route.WebhookId] = route;
        await state.WriteStateAsync();
        RebuildIndex();
    }

    public async Task Remove(string webhookId)
    {
        if (state.State.Routes.Remove(webhookId))
        {
            await state.WriteStateAsync();
            RebuildIndex();
        }
    }

    public Task<IReadOnlyList<string>> GetWebhookIds() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Routes.Keys.Order(StringComparer.Ordinal)]);

    public Task<IReadOnlyList<string>> GetSubscribers(string eventName) =>
        Task.FromResult<IReadOnlyList<string>>(_subscribers.GetValueOrDefault(eventName) ?? []);

    public async Task<IReadOnlyList<string>> Detach()
    {
        var ids = state.State.Routes.Keys.ToList();
        await state.ClearStateAsync();
        state.State = new RouterState();
        RebuildIndex();
        return ids;
    }

    private void RebuildIndex() =>
        _subscribers = state.State.Routes.Values
            .Where(route => route.Enabled)
            .SelectMany(route => route.Events.Select(name => (name, route.WebhookId)))
            .GroupBy(pair => pair.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(pair => pair.WebhookId).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}

using Qase.Webhooks.Grains.Storage;

namespace Qase.Webhooks.Grains.Workspaces;

public sealed class TokenGrain(
    [PersistentState("token", StorageNames.Default)] IPersistentState<TokenState> state) : Grain, ITokenGrain
{
    public Task<TokenOwner?> Resolve() => Task.FromResult(state.State.Owner);

    public async Task Bind(TokenOwner owner)
    {
        state.State.Owner = owner;
        await state.WriteStateAsync();
    }

    public async Task Revoke()
    {
        state.State.Owner = null;
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

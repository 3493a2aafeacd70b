using Qase.Webhooks.Grains.Storage;

namespace Qase.Webhooks.Grains.Workspaces;

/// <summary>
/// The index entry of one token. A lookup of a token that was never issued (or was revoked) leaves no
/// activation behind: anyone can send made-up tokens, and they must not fill the silo's memory.
/// </summary>
public sealed class TokenGrain(
    [PersistentState("token", StorageNames.Default)] IPersistentState<TokenState> state) : Grain, ITokenGrain
{
    public Task<TokenOwner?> Resolve()
    {
        if (state.State.Owner is null)
        {
            DeactivateOnIdle();
        }
        return Task.FromResult(state.State.Owner);
    }

    public async Task Bind(TokenOwner owner)
    {
        state.State.Owner = owner;
        await state.WriteStateAsync();
    }

    public async Task Revoke()
    {
        // Cleared in storage before in memory: a failed write leaves the token working and its revocation repeatable.
        await state.ClearStateAsync();
        state.State.Owner = null;
        DeactivateOnIdle();
    }
}

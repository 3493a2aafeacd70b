using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Workspaces;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Workspaces;

/// <summary>Revoking a token is two writes (the token's index grain and the workspace); a failure of either leaves a revocation that can be repeated.</summary>
[Collection(FaultClusterCollection.Name)]
public sealed class TokenRevocationTests(FaultClusterFixture fixture)
{
    [Fact]
    public async Task A_revocation_whose_token_write_fails_leaves_the_token_listed_and_a_repeat_completes_it()
    {
        var (workspace, token) = await fixture.CreateWorkspace();
        var index = fixture.Client.GetGrain<ITokenGrain>(TokenHash.Of(token.Token));

        fixture.Faults.FailNext("token", StorageOperation.Clear);
        await Assert.ThrowsAnyAsync<Exception>(() => workspace.RevokeToken(token.Id));

        // Half-way: nothing changed that a caller can see, so the caller can simply try again.
        Assert.Contains(await workspace.ListTokens(), t => t.Id == token.Id);
        Assert.NotNull(await index.Resolve());

        await workspace.RevokeToken(token.Id);
        Assert.Null(await index.Resolve());
        Assert.DoesNotContain(await workspace.ListTokens(), t => t.Id == token.Id);
        var again = await Assert.ThrowsAsync<RequestRejectedException>(() => workspace.RevokeToken(token.Id));
        Assert.Equal(ProblemKind.NotFound, again.Kind);
    }

    [Fact]
    public async Task A_revocation_whose_workspace_write_fails_has_stopped_the_token_and_a_repeat_completes_it()
    {
        var (workspace, token) = await fixture.CreateWorkspace();
        var index = fixture.Client.GetGrain<ITokenGrain>(TokenHash.Of(token.Token));

        fixture.Faults.FailNext("workspace", StorageOperation.Write);
        await Assert.ThrowsAnyAsync<Exception>(() => workspace.RevokeToken(token.Id));

        Assert.Null(await index.Resolve()); // the token stops working even though the revocation did not finish
        Assert.Contains(await workspace.ListTokens(), t => t.Id == token.Id);

        await workspace.RevokeToken(token.Id);
        Assert.DoesNotContain(await workspace.ListTokens(), t => t.Id == token.Id);
        var again = await Assert.ThrowsAsync<RequestRejectedException>(() => workspace.RevokeToken(token.Id));
        Assert.Equal(ProblemKind.NotFound, again.Kind);
    }

    [Fact]
    public async Task Revoking_one_token_leaves_the_others_working()
    {
        var (workspace, first) = await fixture.CreateWorkspace();
        var second = await workspace.IssueToken();

        fixture.Faults.FailNext("token", StorageOperation.Clear);
        await Assert.ThrowsAnyAsync<Exception>(() => workspace.RevokeToken(first.Id));
        await workspace.RevokeToken(first.Id);

        Assert.Null(await fixture.Client.GetGrain<ITokenGrain>(TokenHash.Of(first.Token)).Resolve());
        Assert.NotNull(await fixture.Client.GetGrain<ITokenGrain>(TokenHash.Of(second.Token)).Resolve());
        Assert.Equal([second.Id], (await workspace.ListTokens()).Select(t => t.Id));
    }
}

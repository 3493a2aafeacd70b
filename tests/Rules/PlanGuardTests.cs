using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Rules;

/// <summary>Which plans let a webhook be managed and send, asked afresh each time.</summary>
public sealed class PlanGuardTests
{
    private WorkspacePlan? _plan = WorkspacePlan.Startup;
    private int _asked;

    private PlanGuard Guard() => new("PRJ", () =>
    {
        _asked++;
        return Task.FromResult(_plan);
    });

    [Theory]
    [InlineData(WorkspacePlan.Startup)]
    [InlineData(WorkspacePlan.Business)]
    [InlineData(WorkspacePlan.Enterprise)]
    public async Task A_paid_plan_allows_changes_and_sends(WorkspacePlan plan)
    {
        _plan = plan;

        await Guard().EnsurePaid();
        Assert.True(await Guard().MaySend());
    }

    [Fact]
    public async Task The_free_plan_refuses_changes_as_plan_required_and_holds_sends()
    {
        _plan = WorkspacePlan.Free;

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(Guard().EnsurePaid);
        Assert.Equal(ProblemKind.PlanRequired, refused.Kind);
        Assert.False(await Guard().MaySend());
    }

    [Fact]
    public async Task A_project_the_workspace_no_longer_has_is_not_found_and_sends_nothing()
    {
        _plan = null;

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(Guard().EnsurePaid);
        Assert.Equal(ProblemKind.NotFound, refused.Kind);
        Assert.Equal("Project PRJ was not found.", refused.Message);
        Assert.False(await Guard().MaySend());
    }

    [Fact]
    public async Task A_downgrade_holds_from_the_next_call_on()
    {
        var guard = Guard();
        Assert.True(await guard.MaySend());

        _plan = WorkspacePlan.Free;

        Assert.False(await guard.MaySend());
        await Assert.ThrowsAsync<RequestRejectedException>(guard.EnsurePaid);
        Assert.Equal(3, _asked);
    }
}

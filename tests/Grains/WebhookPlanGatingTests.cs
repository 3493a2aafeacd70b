using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Grains;

/// <summary>Webhooks are a paid feature for Orleans callers exactly as for REST callers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookPlanGatingTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Creating_a_webhook_in_a_free_workspace_is_refused_as_plan_required_and_stores_nothing()
    {
        var workspaceId = await fixture.CreateProject(plan: WorkspacePlan.Free);
        var grain = Webhook(workspaceId, ResourceId.New("wh"));

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"])));

        Assert.Equal(ProblemKind.PlanRequired, refused.Kind);
        Assert.Null(refused.Errors);
        Assert.Contains("free plan", refused.Message);
        Assert.Null(await grain.Get());
        Assert.Empty(await Router(workspaceId).GetWebhookIds());
    }

    [Fact]
    public async Task After_a_downgrade_update_and_enable_are_refused_while_get_disable_and_delete_work()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        var created = await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"]));
        var workspace = Client.GetGrain<IWorkspaceGrain>(workspaceId);
        await workspace.Update(new WorkspacePatch(null, WorkspacePlan.Free, null));

        var update = await Assert.ThrowsAsync<RequestRejectedException>(() => grain.Update(new WebhookPatch { Title = "Renamed" }));
        Assert.Equal(ProblemKind.PlanRequired, update.Kind);

        var read = await grain.Get();
        Assert.NotNull(read);
        Assert.Equal("CI", read.Title);

        var disabled = await grain.Disable();
        Assert.False(disabled.Enabled);
        Assert.Equal(DisabledReason.Manual, disabled.DisabledReason);

        var enable = await Assert.ThrowsAsync<RequestRejectedException>(grain.Enable);
        Assert.Equal(ProblemKind.PlanRequired, enable.Kind);
        Assert.False((await grain.Get())!.Enabled);

        await grain.Delete();
        Assert.Null(await grain.Get());
        Assert.DoesNotContain(created.Id, await Router(workspaceId).GetWebhookIds());
    }

    [Fact]
    public async Task Upgrading_the_plan_allows_webhooks_again()
    {
        var workspaceId = await fixture.CreateProject(plan: WorkspacePlan.Free);
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        var newWebhook = new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"]);
        await Assert.ThrowsAsync<RequestRejectedException>(() => grain.Create(newWebhook));

        await Client.GetGrain<IWorkspaceGrain>(workspaceId).Update(new WorkspacePatch(null, WorkspacePlan.Business, null));
        var created = await grain.Create(newWebhook);

        Assert.True(created.Enabled);
        Assert.Equal([created.Id], await Router(workspaceId).GetSubscribers("run.completed"));
    }

    [Theory]
    [InlineData(WorkspacePlan.Startup)]
    [InlineData(WorkspacePlan.Business)]
    [InlineData(WorkspacePlan.Enterprise)]
    public async Task Every_paid_plan_has_webhooks(WorkspacePlan plan)
    {
        var workspaceId = await fixture.CreateProject(plan: plan);
        var created = await Webhook(workspaceId, ResourceId.New("wh"))
            .Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"]));
        Assert.True(created.Enabled);
    }

    [Fact]
    public async Task Creating_a_webhook_for_a_missing_project_is_refused_as_not_found()
    {
        var workspace = await fixture.CreateWorkspace();
        var grain = Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspace.GetPrimaryKeyString(), "NOPE", ResourceId.New("wh")));

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"])));

        Assert.Equal(ProblemKind.NotFound, refused.Kind);
        Assert.Null(await grain.Get());
    }

    private IProjectRoutesGrain Router(string workspaceId) =>
        Client.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(workspaceId, "DEMO"));

    private IWebhookGrain Webhook(string workspaceId, string id) =>
        Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, "DEMO", id));
}

using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Grains;

/// <summary>The project's router follows every change of its webhooks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProjectEventRouterTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Created_webhook_is_routed_the_events_it_takes()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (id, _) = await CreateWebhook(workspaceId, ["run.completed", "defect.resolved"]);

        Assert.Equal([id], await router.GetWebhookIds());
        Assert.Equal([id], await router.GetSubscribers("run.completed"));
        Assert.Equal([id], await router.GetSubscribers("defect.resolved"));
        Assert.Empty(await router.GetSubscribers("case.created"));
    }

    [Fact]
    public async Task Webhook_created_disabled_is_known_but_gets_no_events()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (id, webhook) = await CreateWebhook(workspaceId, ["run.completed"], enabled: false);

        Assert.False(webhook.Enabled);
        Assert.Equal(DisabledReason.Manual, webhook.DisabledReason);
        Assert.Equal([id], await router.GetWebhookIds());
        Assert.Empty(await router.GetSubscribers("run.completed"));
    }

    [Fact]
    public async Task Changing_the_events_moves_the_subscriptions()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (id, _) = await CreateWebhook(workspaceId, ["run.completed", "case.created"]);

        var updated = await Webhook(workspaceId, id).Update(new WebhookPatch { Events = ["case.created", "defect.created"] });

        Assert.Equal(["case.created", "defect.created"], updated.Events);
        Assert.Empty(await router.GetSubscribers("run.completed"));
        Assert.Equal([id], await router.GetSubscribers("case.created"));
        Assert.Equal([id], await router.GetSubscribers("defect.created"));
    }

    [Fact]
    public async Task Disabling_stops_the_routing_and_enabling_brings_it_back()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (id, _) = await CreateWebhook(workspaceId, ["run.completed"]);
        var grain = Webhook(workspaceId, id);

        await grain.Disable();
        Assert.Empty(await router.GetSubscribers("run.completed"));
        Assert.Equal([id], await router.GetWebhookIds());

        await grain.Enable();
        Assert.Equal([id], await router.GetSubscribers("run.completed"));

        await grain.Update(new WebhookPatch { Enabled = false });
        Assert.Empty(await router.GetSubscribers("run.completed"));

        await grain.Update(new WebhookPatch { Enabled = true });
        Assert.Equal([id], await router.GetSubscribers("run.completed"));
    }

    [Fact]
    public async Task Deleting_a_webhook_removes_its_route()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (kept, _) = await CreateWebhook(workspaceId, ["run.completed"]);
        var (deleted, _) = await CreateWebhook(workspaceId, ["run.completed"]);
        Assert.Equal(new[] { kept, deleted }.Order(StringComparer.Ordinal), await router.GetSubscribers("run.completed"));

        await Webhook(workspaceId, deleted).Delete();

        Assert.Equal([kept], await router.GetWebhookIds());
        Assert.Equal([kept], await router.GetSubscribers("run.completed"));
        Assert.Null(await Webhook(workspaceId, deleted).Get());
    }

    [Fact]
    public async Task Deleting_the_project_forgets_every_route_and_webhook()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (first, _) = await CreateWebhook(workspaceId, ["run.completed"]);
        var (second, _) = await CreateWebhook(workspaceId, ["case.created"], enabled: false);

        await Client.GetGrain<IWorkspaceGrain>(workspaceId).DeleteProject("demo");

        Assert.Empty(await router.GetWebhookIds());
        Assert.Empty(await router.GetSubscribers("run.completed"));
        Assert.Null(await Webhook(workspaceId, first).Get());
        Assert.Null(await Webhook(workspaceId, second).Get());
        Assert.Null(await Client.GetGrain<IWorkspaceGrain>(workspaceId).GetProject("DEMO"));
    }

    [Fact]
    public async Task Projects_with_the_same_code_in_two_workspaces_have_separate_routers()
    {
        var first = await fixture.CreateProject();
        var second = await fixture.CreateProject();
        var (id, _) = await CreateWebhook(first, ["run.completed"]);

        Assert.Equal([id], await Router(first).GetSubscribers("run.completed"));
        Assert.Empty(await Router(second).GetSubscribers("run.completed"));
        Assert.Empty(await Router(second).GetWebhookIds());
    }

    [Fact]
    public async Task Refused_changes_leave_the_route_as_it_was()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Router(workspaceId);
        var (id, _) = await CreateWebhook(workspaceId, ["run.completed"]);

        await Assert.ThrowsAsync<RequestRejectedException>(() =>
            Webhook(workspaceId, id).Update(new WebhookPatch { Events = ["case.created", "nope"] }));

        Assert.Equal([id], await router.GetSubscribers("run.completed"));
        Assert.Empty(await router.GetSubscribers("case.created"));
    }

    private IProjectRoutesGrain Router(string workspaceId) =>
        Client.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(workspaceId, "DEMO"));

    private IWebhookGrain Webhook(string workspaceId, string id) =>
        Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, "DEMO", id));

    private async Task<(string Id, Webhook Webhook)> CreateWebhook(string workspaceId, string[] events, bool? enabled = null)
    {
        var id = ResourceId.New("wh");
        var webhook = await Webhook(workspaceId, id).Create(new NewWebhook("CI", "https://ci.example.com/hook", null, events, enabled));
        return (id, webhook);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>A webhook that cannot send keeps its retries, but not a place in every sweep: its due rows would always come first.</summary>
[Collection(FaultClusterCollection.Name)]
public sealed class PausedWebhookSweepTests(FaultClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_free_plan_webhook_with_due_retries_leaves_the_sweep_until_its_workspace_is_upgraded()
    {
        var (workspace, _) = await fixture.CreateWorkspace(WorkspacePlan.Startup);
        await workspace.CreateProject(new NewProject("PAUSE", "Paused"));
        var key = GrainKeys.Webhook(workspace.GetPrimaryKeyString(), "PAUSE", ResourceId.New("wh"));
        var path = DeliveryServer.NewPath();
        await fixture.Client.GetGrain<IWebhookGrain>(key).Create(new NewWebhook("Paused",
            fixture.Receiver.Url(path, new Reply(500), new Reply(500), new Reply(500), Reply.Ok), null, ["run.completed"]));
        await fixture.Client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspace.GetPrimaryKeyString(), "PAUSE"))
            .Publish([new EventSubmission("run.completed", """{"id":1}"""u8.ToArray())]);
        await fixture.Receiver.WaitFor(path, 1, Within);

        await workspace.Update(new WorkspacePatch(null, WorkspacePlan.Free, null));

        var store = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IDeliveryStore>();
        await Eventually.Value(async () =>
            {
                var now = DateTimeOffset.UtcNow;
                return await store.NextDue(key, []) <= now && !(await store.WebhooksWithDueWork(now, 1000)).Contains(key);
            },
            leftOut => leftOut, Within, "the due retry is left out of the sweep");
        var attempts = fixture.Receiver.At(path).Count;

        await workspace.Update(new WorkspacePatch(null, WorkspacePlan.Business, null));
        await fixture.Receiver.WaitFor(path, attempts + 1, Within);
    }
}

using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Grains;

/// <summary>
/// Webhooks created at once in one project share the router's state writes, and each create still answers only
/// once its route is durable: the next event reaches it even if the silo stops right after the answer.
/// </summary>
public sealed class RouterWriteCoalescingTests(RecordingStorageClusterFixture fixture) : IClassFixture<RecordingStorageClusterFixture>
{
    [Fact]
    public async Task Concurrent_creates_in_one_project_share_router_writes_and_each_answers_once_its_route_is_stored()
    {
        const int count = 24;
        var workspace = fixture.Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));
        await workspace.Create(new NewWorkspace("Acme", WorkspacePlan.Startup, "owner@example.com"));
        await workspace.CreateProject(new NewProject("DEMO", "Demo"));
        var routerKey = GrainKeys.Project(workspace.GetPrimaryKeyString(), "DEMO");
        fixture.Storage.WriteDelay = TimeSpan.FromMilliseconds(40); // a commit's time, so that creates arrive while one is in flight
        var before = fixture.Storage.Writes("router");

        var unstoredAtAnswer = new ConcurrentList<string>();
        var ids = Enumerable.Range(0, count).Select(_ => ResourceId.New("wh")).ToList();
        await Task.WhenAll(ids.Select(async id =>
        {
            await fixture.Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspace.GetPrimaryKeyString(), "DEMO", id))
                .Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"], null));
            if (!fixture.Storage.DurableRoutes(routerKey).Contains(id))
            {
                unstoredAtAnswer.Add(id);
            }
        }));

        Assert.Empty(unstoredAtAnswer);
        Assert.Equal(ids.Order(StringComparer.Ordinal), await fixture.Client.GetGrain<IProjectRoutesGrain>(routerKey).GetSubscribers("run.completed"));
        var routerWrites = fixture.Storage.Writes("router") - before;
        Assert.InRange(routerWrites, 1, count / 3);
    }
}

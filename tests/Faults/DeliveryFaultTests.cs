using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Faults;

/// <summary>
/// The delivery path when its own parts fail or answer late: every delivery is still made, once per
/// scheduled attempt, and none is left pending with nobody to send it.
/// </summary>
[Collection(DeliveryFaultClusterCollection.Name)]
public sealed class DeliveryFaultTests(DeliveryFaultClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private Receiver Receiver => fixture.Receiver;

    [Fact]
    public async Task A_delivery_is_sent_again_when_the_health_write_after_its_attempt_fails()
    {
        var (project, webhookKey, path) = await Webhook(new Reply(500), Reply.Ok);
        // The failed attempt starts a streak: that grain-state write, and the next one, throw.
        fixture.Storage.FailNextWrites(webhookKey, 2);

        await Publish(project, 1);

        await Receiver.WaitFor(path, 2, Within);
        var delivery = await Eventually.Value(() => Single(webhookKey), d => d.Status == DeliveryStatus.Succeeded, Within, "the delivery");
        Assert.Equal(2, delivery.AttemptCount);
    }

    [Fact]
    public async Task A_delivery_whose_outcome_cannot_be_written_is_recorded_later_and_not_sent_twice()
    {
        var (project, webhookKey, path) = await Webhook(Reply.Ok);
        fixture.Store.FailNext(nameof(IDeliveryStore.Record), webhookKey, 3);

        await Publish(project, 1);

        var delivery = await Eventually.Value(() => Single(webhookKey), d => d.Status == DeliveryStatus.Succeeded, Within, "the delivery");
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Single(Receiver.At(path));
    }

    [Fact]
    public async Task An_outcome_the_store_keeps_refusing_holds_back_no_other_webhooks_outcomes()
    {
        var (refusedProject, refused, refusedPath) = await Webhook(Reply.Ok);
        var (project, webhookKey, path) = await Webhook(Reply.Ok);
        fixture.Store.FailNext(nameof(IDeliveryStore.Record), refused, int.MaxValue);
        fixture.Store.PauseRecords();
        try
        {
            await Publish(refusedProject, 1);
            await Publish(project, 1);
            await Receiver.WaitFor(refusedPath, 1, Within);
            await Receiver.WaitFor(path, 1, Within);
        }
        finally
        {
            fixture.Store.ResumeRecords();
        }

        await Eventually.Value(() => Single(webhookKey), d => d.Status == DeliveryStatus.Succeeded, Within, "the other webhook's delivery");
        Assert.Equal(DeliveryStatus.Pending, (await Single(refused)).Status);
        fixture.Store.FailNext(nameof(IDeliveryStore.Record), refused, 0);
        await Eventually.Value(() => Single(refused), d => d.Status == DeliveryStatus.Succeeded, Within, "the refused delivery, once the store takes it");
        Assert.Single(Receiver.At(refusedPath));
    }

    [Fact]
    public async Task A_webhook_whose_claims_fail_sends_its_deliveries_once_the_store_answers()
    {
        var (project, webhookKey, path) = await Webhook(Reply.Ok);
        fixture.Store.FailNext(nameof(IDeliveryStore.FindDue), webhookKey, 3);

        await Publish(project, 5);

        await Receiver.WaitFor(path, 5, Within);
        await Eventually.Value(() => fixture.Store.Inner.List(webhookKey, new DeliveryQuery(DeliveryStatus.Succeeded, 100)),
            page => page.Items.Count == 5, Within, "succeeded deliveries");
    }

    [Fact]
    public async Task No_delivery_is_sent_twice_when_wake_ups_arrive_while_a_publish_is_answered_late()
    {
        // The outbox commits, then answers late (a busy database): wake-ups like the sweep's land in between.
        var (project, webhookKey, path) = await Webhook(Reply.Ok);
        fixture.Store.DelayPublishAnswers(project, TimeSpan.FromMilliseconds(300));
        var webhook = fixture.Client.GetGrain<IWebhookDeliveryGrain>(webhookKey);
        using var stop = new CancellationTokenSource();
        var waking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await webhook.Wake();
                await Task.Delay(10);
            }
        });

        for (var batch = 0; batch < 5; batch++)
        {
            await Publish(project, 20);
        }
        await stop.CancelAsync();
        await waking;
        // A marker published after everything else: once it is in, any repeat of the others would be too.
        await fixture.Client.GetGrain<IProjectEventRouterGrain>(project).Publish([new EventSubmission("run.completed", """{"marker":true}"""u8.ToArray())]);
        await Eventually.True(() => Receiver.At(path).Any(r => r.Text.Contains("\"marker\"")), Within);
        await Eventually.Value(() => fixture.Store.Inner.List(webhookKey, new DeliveryQuery(DeliveryStatus.Succeeded, 100)),
            page => page.Items.Count == 100, Within, "succeeded deliveries");
        var repeats = Receiver.At(path).GroupBy(r => r.Header("webhook-id")).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeats);
        Assert.Equal(101, Receiver.At(path).Count);
    }

    private async Task<DeliveryRecord> Single(string webhookKey) =>
        Assert.Single((await fixture.Store.Inner.List(webhookKey, new DeliveryQuery())).Items);

    private async Task<IReadOnlyList<PublishedEvent>> Publish(string projectKey, int count) =>
        await fixture.Client.GetGrain<IProjectEventRouterGrain>(projectKey).Publish(
            [.. Enumerable.Range(0, count).Select(i => new EventSubmission("run.completed", System.Text.Encoding.UTF8.GetBytes($$"""{"id":{{i}}}""")))]);

    private async Task<(string Project, string WebhookKey, string Path)> Webhook(params Reply[] replies)
    {
        var workspace = fixture.Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));
        await workspace.Create(new NewWorkspace("Acme", WorkspacePlan.Startup, "owner@example.com"));
        await workspace.CreateProject(new NewProject("FLT", "Faults"));
        var workspaceId = workspace.GetPrimaryKeyString();
        var webhookKey = GrainKeys.Webhook(workspaceId, "FLT", ResourceId.New("wh"));
        var path = $"/{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IWebhookGrain>(webhookKey).Create(
            new NewWebhook("Faults", Receiver.Url(path, replies), null, ["run.completed"]));
        return (GrainKeys.Project(workspaceId, "FLT"), webhookKey, path);
    }
}

using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>
/// The router hands a publish's committed deliveries to each webhook with its wake. The webhook sends them without a
/// query when that is safe, and claims them from the store when not: a claim in flight, a window without room, an
/// ordered webhook, one disabled meanwhile. Either way each is sent once.
/// </summary>
[Collection(HandoffClusterCollection.Name)]
public sealed class HandoffTests(HandoffClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private Receiver Receiver => fixture.Receiver;

    private FaultyDeliveryStore Store => fixture.Store;

    [Fact]
    public async Task A_webhook_sends_what_the_router_hands_it_without_claiming_it_from_the_store()
    {
        var (project, webhookKey, path) = await WarmWebhook();
        var claims = Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey);

        await Publish(project, 3);

        await Receiver.WaitFor(path, 4, Within);
        await Settled(webhookKey, 4);
        Assert.Equal(claims, Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey));
        AssertOnceEach(path, 4);
    }

    [Fact]
    public async Task A_handoff_that_arrives_during_a_claim_is_left_to_that_claim_and_sent_once()
    {
        // The first delivery after the warm-up is asked to wait 2 s: its retry is a claim the webhook starts on its own.
        var later = new Reply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = "2" });
        var (project, webhookKey, path) = await WarmWebhook(Reply.Ok, later, Reply.Ok);
        await Publish(project, 1);
        var retried = (await Receiver.WaitFor(path, 2, Within))[1].Header("webhook-id");
        await Eventually.Value(() => Store.Inner.Get(webhookKey, retried), d => d?.Record.AttemptCount == 1, Within, "the first attempt's outcome");

        // The next publish commits and its answer waits; the retry's claim then reads both from the store and answers late.
        var committed = Store.HoldPublishAnswers(project);
        var publishing = Publish(project, 1);
        await committed.Reached.WaitAsync(Within);
        var claim = Store.HoldClaims(webhookKey);
        var read = await claim.Reached.WaitAsync(Within);
        var delivery = Assert.Single(read, d => d.DeliveryId != retried).DeliveryId;

        // The handoff reaches the webhook while that claim's answer is still on its way.
        var handoffs = fixture.Handoffs(webhookKey);
        committed.Open();
        await publishing;
        await Eventually.True(() => fixture.Handoffs(webhookKey) > handoffs, Within, () => "the handoff was not taken");
        if (Receiver.At(path).Any(r => r.Header("webhook-id") == delivery))
        {
            // Sent from the handoff: the claim answers only once that outcome is in the store, as a slow query would.
            await Eventually.Value(() => Store.Inner.Get(webhookKey, delivery), d => d?.Record.Status == DeliveryStatus.Succeeded, Within, "the outcome");
        }
        claim.Open();

        // A marker published after the claim has answered: once it is in, any repeat would be too.
        await Publish(project, 1, marker: true);
        await Eventually.True(() => Receiver.At(path).Any(r => r.Text.Contains("\"marker\"")), Within);
        await Settled(webhookKey, 4);
        var received = Receiver.At(path);
        Assert.Single(received, r => r.Header("webhook-id") == delivery);
        Assert.Equal(2, received.Count(r => r.Header("webhook-id") == retried));
        Assert.Equal(5, received.Count);
    }

    [Fact]
    public async Task A_handoff_larger_than_the_window_is_claimed_from_the_store_and_sent_once()
    {
        var (project, webhookKey, path) = await WarmWebhook();
        var claims = Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey);

        // The window is 4 × 16 deliveries by default: a batch of 100 does not fit.
        await Publish(project, 100);

        await Receiver.WaitFor(path, 101, Within);
        await Settled(webhookKey, 101);
        Assert.True(Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey) > claims);
        AssertOnceEach(path, 101);
    }

    [Fact]
    public async Task After_a_backlog_is_claimed_from_the_store_the_next_handoff_is_taken_again()
    {
        var (project, webhookKey, path) = await WarmWebhook();
        await Publish(project, 300);
        await Receiver.WaitFor(path, 301, Within);
        await Settled(webhookKey, 301);
        var claims = Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey);

        await Publish(project, 1, first: 300);

        await Receiver.WaitFor(path, 302, Within);
        await Settled(webhookKey, 302);
        Assert.Equal(claims, Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey));
        AssertOnceEach(path, 302);
    }

    [Fact]
    public async Task A_handoff_to_a_webhook_disabled_since_the_publish_is_not_sent()
    {
        var (project, webhookKey, path) = await WarmWebhook();
        var committed = Store.HoldPublishAnswers(project);
        var publishing = Publish(project, 1);
        await committed.Reached.WaitAsync(Within);
        var handoffs = fixture.Handoffs(webhookKey);

        await fixture.Client.GetGrain<IWebhookGrain>(webhookKey).Disable();
        committed.Open();
        await publishing;

        await Eventually.True(() => fixture.Handoffs(webhookKey) > handoffs, Within, () => "the handoff was not taken");
        var page = await Eventually.Value(() => Store.Inner.List(webhookKey, new DeliveryQuery(DeliveryStatus.Failed)),
            p => p.Items.Count == 1, Within, "the failed delivery");
        Assert.Equal(0, page.Items[0].AttemptCount);
        Assert.Single(Receiver.At(path));
    }

    [Fact]
    public async Task An_ordered_webhook_sends_a_handed_delivery_only_after_the_retry_before_it()
    {
        var later = new Reply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        var (project, webhookKey, path) = await WarmWebhook(Reply.Ok, later, Reply.Ok);
        await fixture.Client.GetGrain<IWebhookGrain>(webhookKey).Update(new WebhookPatch { Ordered = true });
        await Publish(project, 1);
        var retried = (await Receiver.WaitFor(path, 2, Within))[1].Header("webhook-id");
        await Eventually.Value(() => Store.Inner.Get(webhookKey, retried), d => d?.Record.AttemptCount == 1, Within, "the first attempt's outcome");

        // Handed over while the one before waits out its retry: it goes after it.
        await Publish(project, 1, first: 1);

        var received = await Receiver.WaitFor(path, 4, Within);
        await Settled(webhookKey, 3);
        Assert.Equal(["warm", "0", "0", "1"], received.Select(Id));
    }

    [Fact]
    public async Task A_rate_limited_webhook_takes_no_handoff_and_keeps_its_pace()
    {
        var (project, webhookKey, path) = await WarmWebhook();
        await fixture.Client.GetGrain<IWebhookGrain>(webhookKey).Update(new WebhookPatch { RateLimit = 5 });
        var claims = Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey);

        await Publish(project, 3);

        await Receiver.WaitFor(path, 4, Within);
        await Settled(webhookKey, 4);
        Assert.True(Store.Calls(nameof(IDeliveryStore.FindDue), webhookKey) > claims);
        AssertOnceEach(path, 4);
    }

    // A webhook that has delivered once: its activation has claimed from the store and knows what is there.
    private async Task<(string Project, string WebhookKey, string Path)> WarmWebhook(params Reply[] replies)
    {
        var workspace = fixture.Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));
        await workspace.Create(new NewWorkspace("Acme", WorkspacePlan.Startup, "owner@example.com"));
        await workspace.CreateProject(new NewProject("HND", "Handoff"));
        var workspaceId = workspace.GetPrimaryKeyString();
        var webhookKey = GrainKeys.Webhook(workspaceId, "HND", ResourceId.New("wh"));
        var path = $"/{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IWebhookGrain>(webhookKey).Create(
            new NewWebhook("Handoff", Receiver.Url(path, replies), null, ["run.completed"]));
        var project = GrainKeys.Project(workspaceId, "HND");
        await fixture.Client.GetGrain<IProjectEventRouterGrain>(project).Publish([new EventSubmission("run.completed", """{"id":"warm"}"""u8.ToArray())]);
        await Receiver.WaitFor(path, 1, Within);
        await Settled(webhookKey, 1);
        return (project, webhookKey, path);
    }

    private async Task Publish(string projectKey, int count, bool marker = false, int first = 0) =>
        await fixture.Client.GetGrain<IProjectEventRouterGrain>(projectKey).Publish(
            [.. Enumerable.Range(first, count).Select(i => new EventSubmission("run.completed",
                System.Text.Encoding.UTF8.GetBytes(marker ? """{"marker":true}""" : $$"""{"id":"{{i}}"}""")))]);

    private Task Settled(string webhookKey, int count) =>
        Eventually.Value(() => Store.Inner.List(webhookKey, new DeliveryQuery(DeliveryStatus.Succeeded, 1000)),
            page => page.Items.Count == count, Within, $"{count} succeeded deliveries");

    private void AssertOnceEach(string path, int count)
    {
        var received = Receiver.At(path);
        Assert.Empty(received.GroupBy(r => r.Header("webhook-id")).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(count, received.Count);
    }

    private static string Id(ReceivedRequest request) =>
        System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("payload").GetProperty("id").GetString()!;
}

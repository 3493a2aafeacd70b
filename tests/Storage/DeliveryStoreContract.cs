using System.Text;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Storage;

/// <summary>
/// What every outbox must do, run against each implementation: the embedded mode's and PostgreSQL's
/// must not differ in anything a grain can see.
/// </summary>
public abstract class DeliveryStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly string _project = GrainKeys.Project(ResourceId.New("ws"), "DEMO");

    protected abstract Task<IDeliveryStore> Store();

    private string Webhook(string id) => $"{_project}/{id}";

    private static StoredEvent Event(string name, string? key, params string[] webhookKeys) => new(
        ResourceId.New("evt"), name, Encoding.UTF8.GetBytes($$"""{"event_name":"{{name}}"}"""), key,
        [.. webhookKeys.Select(w => (ResourceId.New("dlv"), w))]);

    [Fact]
    public async Task Published_deliveries_are_due_at_once_and_carry_their_envelope()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var e = Event("case.created", null, a, Webhook("wh_b"));

        var outcomes = await store.Publish(_project, [e], T0);

        Assert.Equal(e.EventId, outcomes[0].Answer.EventId);
        Assert.Equal(2, outcomes[0].Answer.Webhooks);
        Assert.False(outcomes[0].Repeat);
        var due = Assert.Single(await store.FindDue(a, T0, 10, []));
        Assert.Equal(e.Deliveries[0].DeliveryId, due.DeliveryId);
        Assert.Equal(e.Body, due.Body);
        Assert.Equal("case.created", due.EventName);
        Assert.Equal(0, due.AttemptCount);
        Assert.Empty(await store.FindDue(a, T0, 10, [due.DeliveryId]));
        Assert.Equal(T0, await store.NextDue(a, []));
        Assert.Contains(a, await store.WebhooksWithDueWork(T0.AddSeconds(1), 100));
    }

    [Fact]
    public async Task The_deliveries_of_one_event_share_one_body_in_memory()
    {
        var store = await Store();
        var webhooks = Enumerable.Range(0, 5).Select(i => Webhook($"wh_{i}")).ToArray();
        var e = Event("run.completed", null, webhooks);

        await store.Publish(_project, [e], T0);

        var bodies = new List<byte[]>();
        foreach (var webhook in webhooks)
        {
            bodies.Add(Assert.Single(await store.FindDue(webhook, T0, 10, [])).Body);
        }
        Assert.Equal(e.Body, bodies[0]);
        Assert.All(bodies, body => Assert.Same(bodies[0], body));
    }

    [Fact]
    public async Task A_claimed_delivery_carries_the_trace_context_of_its_publish()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        const string context = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var traced = Event("case.created", null, a) with { TraceContext = context };
        var untraced = Event("case.updated", null, a);

        await store.Publish(_project, [traced, untraced], T0);

        var due = await store.FindDue(a, T0, 10, []);
        Assert.Equal(context, Assert.Single(due, d => d.EventName == traced.EventName).TraceContext);
        Assert.Null(Assert.Single(due, d => d.EventName == untraced.EventName).TraceContext);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_answer_within_the_window()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var first = Event("run.completed", "key-1", a);
        await store.Publish(_project, [first], T0);

        var again = await store.Publish(_project, [Event("run.completed", "key-1", a), Event("run.completed", "key-2", a), Event("run.completed", "key-2", a)], T0.AddHours(1));

        Assert.True(again[0].Repeat);
        Assert.Equal(new PublishedEvent(first.EventId, 1), again[0].Answer);
        Assert.False(again[1].Repeat);
        Assert.True(again[2].Repeat);
        Assert.Equal(again[1].Answer, again[2].Answer);
        Assert.Equal(2, (await store.FindDue(a, T0.AddHours(1), 10, [])).Count);

        var later = await store.Publish(_project, [Event("run.completed", "key-1", a)], T0.AddHours(25));
        Assert.False(later[0].Repeat);
    }

    [Fact]
    public async Task Recorded_attempts_move_deliveries_on_and_show_in_the_log()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var e1 = Event("case.created", null, a);
        var e2 = Event("case.updated", null, a);
        await store.Publish(_project, [e1, e2], T0);
        var d1 = e1.Deliveries[0].DeliveryId;
        var d2 = e2.Deliveries[0].DeliveryId;

        await store.Record(
        [
            new AttemptOutcome(a, d1, new DeliveryAttempt(T0, 500, 12, "HTTP 500", "boom\0", "http://x/1"), DeliveryStatus.Pending, T0.AddSeconds(5)),
            new AttemptOutcome(a, d2, new DeliveryAttempt(T0, 200, 3, null, "ok", "http://x/2"), DeliveryStatus.Succeeded, null),
        ]);

        Assert.Empty(await store.FindDue(a, T0.AddSeconds(4), 10, []));
        var retry = Assert.Single(await store.FindDue(a, T0.AddSeconds(5), 10, []));
        Assert.Equal(1, retry.AttemptCount);
        Assert.Equal(T0.AddSeconds(5), await store.NextDue(a, []));

        var stored = (await store.Get(a, d1))!;
        Assert.Equal(DeliveryStatus.Pending, stored.Record.Status);
        Assert.Equal(500, stored.Record.ResponseStatus);
        Assert.Equal("HTTP 500", stored.Record.Error);
        var attempt = Assert.Single(stored.Attempts);
        Assert.Equal(T0, attempt.At);
        Assert.Equal(12, attempt.DurationMs);
        Assert.StartsWith("boom", attempt.ResponseBody);
        Assert.Equal("http://x/1", attempt.Url);
        Assert.Null(await store.Get(Webhook("wh_other"), d1));

        var all = await store.List(a, new DeliveryQuery());
        Assert.Equal([d2, d1], all.Items.Select(d => d.Id));
        Assert.Equal([d2], (await store.List(a, new DeliveryQuery(DeliveryStatus.Succeeded))).Items.Select(d => d.Id));
        var page = await store.List(a, new DeliveryQuery(Limit: 1));
        Assert.Equal(d2, Assert.Single(page.Items).Id);
        Assert.Equal(d1, Assert.Single((await store.List(a, new DeliveryQuery(Limit: 1, Cursor: page.NextCursor))).Items).Id);
        Assert.Equal(1, await store.CountPending());
    }

    [Fact]
    public async Task An_attempt_recorded_after_its_webhook_was_disabled_is_logged_and_the_delivery_stays_failed()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var e = Event("case.created", null, a);
        await store.Publish(_project, [e], T0);
        var id = e.Deliveries[0].DeliveryId;

        await store.FailPending(a, "the webhook was disabled (timeout)", T0.AddSeconds(1));
        await store.Record([new AttemptOutcome(a, id, new DeliveryAttempt(T0, 500, 7, "HTTP 500", null, "http://x"), DeliveryStatus.Pending, T0.AddSeconds(5))]);

        var stored = (await store.Get(a, id))!;
        Assert.Equal(DeliveryStatus.Failed, stored.Record.Status);
        Assert.Equal("the webhook was disabled (timeout)", stored.Record.Error);
        Assert.Single(stored.Attempts);
        Assert.Empty(await store.FindDue(a, T0.AddDays(1), 10, []));
        Assert.DoesNotContain(a, await store.WebhooksWithDueWork(T0.AddDays(1), 100));
    }

    [Fact]
    public async Task A_claim_takes_the_oldest_due_first_skips_what_the_caller_holds_and_stops_at_its_limit()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var events = Enumerable.Range(0, 6).Select(i => Event("case.created", null, a)).ToList();
        await store.Publish(_project, events, T0);
        var ids = events.Select(e => e.Deliveries[0].DeliveryId).ToList();
        // The first three fail and wait 30, 20 and 10 s: due in that order after the three never tried.
        await store.Record([.. ids.Take(3).Select((id, i) =>
            new AttemptOutcome(a, id, new DeliveryAttempt(T0, 500, 1, "HTTP 500", null, "http://x"), DeliveryStatus.Pending, T0.AddSeconds(30 - 10 * i)))]);

        Assert.Equal([ids[3], ids[4], ids[5]], (await store.FindDue(a, T0, 10, [])).Select(d => d.DeliveryId));
        Assert.Equal([ids[4], ids[5], ids[2]], (await store.FindDue(a, T0.AddSeconds(10), 3, [ids[3]])).Select(d => d.DeliveryId));
        Assert.Equal([ids[3], ids[5], ids[2], ids[1], ids[0]], (await store.FindDue(a, T0.AddMinutes(1), 10, [ids[4]])).Select(d => d.DeliveryId));
        Assert.Equal(T0.AddSeconds(10), await store.NextDue(a, [ids[3], ids[4], ids[5]]));
    }

    [Fact]
    public async Task The_first_in_order_is_the_first_accepted_pending_delivery_due_or_not_and_requeued_ones_keep_their_place()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var b = Webhook("wh_b");
        // Two publishes: the order of acceptance runs within each and across them, whatever the delivery ids.
        var first = Enumerable.Range(0, 3).Select(_ => Event("case.created", null, a, b)).ToList();
        var second = Enumerable.Range(0, 2).Select(_ => Event("case.updated", null, a)).ToList();
        await store.Publish(_project, first, T0);
        await store.Publish(_project, second, T0.AddSeconds(1));
        var ids = first.Concat(second).Select(e => e.Deliveries[0].DeliveryId).ToList();

        Assert.Equal((ids[0], T0), Head(await store.FirstInOrder(a)));
        Assert.Equal(first[0].Deliveries[1].DeliveryId, (await store.FirstInOrder(b))!.Value.Delivery.DeliveryId);

        // The head fails and waits: it stays first, with its retry time; the rest wait behind it.
        await store.Record([new AttemptOutcome(a, ids[0], new DeliveryAttempt(T0, 500, 1, "HTTP 500", null, "http://x"), DeliveryStatus.Pending, T0.AddSeconds(30))]);
        Assert.Equal((ids[0], T0.AddSeconds(30)), Head(await store.FirstInOrder(a)));
        var head = (await store.FirstInOrder(a))!.Value.Delivery;
        Assert.Equal(first[0].Body, head.Body);
        Assert.Equal(1, head.AttemptCount);

        await store.Record([.. ids.Take(3).Select(id =>
            new AttemptOutcome(a, id, new DeliveryAttempt(T0.AddSeconds(30), 200, 1, null, null, "http://x"), DeliveryStatus.Succeeded, null))]);
        Assert.Equal(ids[3], (await store.FirstInOrder(a))!.Value.Delivery.DeliveryId);

        // Sent again, a delivery goes back to its own place in the order, ahead of those accepted after it.
        Assert.True(await store.Requeue(a, ids[1], T0.AddMinutes(1)));
        Assert.Equal((ids[1], T0.AddMinutes(1)), Head(await store.FirstInOrder(a)));

        await store.FailPending(a, "the webhook was disabled", T0.AddMinutes(2));
        Assert.Null(await store.FirstInOrder(a));
        Assert.Equal(3, await store.RequeueFailed(a, T0.AddSeconds(-1), T0.AddMinutes(3)));
        Assert.Equal(ids[1], (await store.FirstInOrder(a))!.Value.Delivery.DeliveryId);
    }

    private static (string DeliveryId, DateTimeOffset DueAt) Head((PendingDelivery Delivery, DateTimeOffset DueAt)? head) =>
        (head!.Value.Delivery.DeliveryId, head.Value.DueAt);

    [Fact]
    public async Task Concurrent_publishes_of_several_projects_each_keep_their_own_idempotency_keys()
    {
        var store = await Store();
        var projects = Enumerable.Range(0, 3).Select(_ => GrainKeys.Project(ResourceId.New("ws"), "DEMO")).ToList();
        var calls = Enumerable.Range(0, 24).Select(i => (Project: projects[i % 3], Event: Event("run.completed", $"key-{i % 4}", $"{projects[i % 3]}/wh_a"))).ToList();

        var answers = await Task.WhenAll(calls.Select(c => Task.Run(() => store.Publish(c.Project, [c.Event], T0))));

        // Per project and key, one publish is recorded and every other one answers its answer.
        foreach (var group in calls.Zip(answers, (c, a) => (c.Project, c.Event.IdempotencyKey, Outcome: a[0])).GroupBy(x => (x.Project, x.IdempotencyKey)))
        {
            var first = Assert.Single(group, x => !x.Outcome.Repeat);
            Assert.All(group, x => Assert.Equal(first.Outcome.Answer, x.Outcome.Answer));
        }
        foreach (var project in projects)
        {
            Assert.Equal(4, (await store.FindDue($"{project}/wh_a", T0, 100, [])).Count);
        }
    }

    [Fact]
    public async Task Failing_requeueing_and_deleting_a_webhooks_deliveries()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var b = Webhook("wh_b");
        var e = Event("case.created", null, a, b);
        await store.Publish(_project, [e, Event("case.deleted", null, a)], T0);

        Assert.Equal(2, await store.FailPending(a, "the webhook was disabled", T0));
        Assert.Empty(await store.FindDue(a, T0, 10, []));
        Assert.Single(await store.FindDue(b, T0, 10, []));
        Assert.Equal("the webhook was disabled", (await store.Get(a, e.Deliveries[0].DeliveryId))!.Record.Error);

        Assert.True(await store.Requeue(a, e.Deliveries[0].DeliveryId, T0.AddMinutes(1)));
        Assert.False(await store.Requeue(b, "dlv_missing", T0));
        Assert.Single(await store.FindDue(a, T0.AddMinutes(1), 10, []));
        Assert.Equal(1, await store.RequeueFailed(a, T0.AddSeconds(-1), T0.AddMinutes(2)));
        Assert.Equal(0, await store.RequeueFailed(a, T0.AddSeconds(1), T0.AddMinutes(2)));
        Assert.Equal(2, (await store.FindDue(a, T0.AddMinutes(2), 10, [])).Count);

        await store.DeleteWebhook(a);
        Assert.Empty((await store.List(a, new DeliveryQuery())).Items);
        Assert.Single((await store.List(b, new DeliveryQuery())).Items);
    }

    [Fact]
    public async Task Test_deliveries_are_logged_finished_and_never_recovered()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var record = new DeliveryRecord(ResourceId.New("dlv"), "wh_a", ResourceId.New("evt"), "case.created", DeliveryStatus.Failed, 1, T0, T0, null, 500, 4, "HTTP 500");
        await store.AddFinished(a, record, Encoding.UTF8.GetBytes("{}"), new DeliveryAttempt(T0, 500, 4, "HTTP 500", null, "http://x"));

        var stored = (await store.Get(a, record.Id))!;
        Assert.Equal(record, stored.Record);
        Assert.Single(stored.Attempts);
        Assert.Equal(0, await store.RequeueFailed(a, T0.AddDays(-1), T0));
        Assert.Empty(await store.FindDue(a, T0.AddDays(1), 10, []));
    }

    [Fact]
    public async Task The_sweep_takes_the_oldest_due_first_and_leaves_paused_webhooks_alone()
    {
        var store = await Store();
        var (a, b, c) = (Webhook("wh_a"), Webhook("wh_b"), Webhook("wh_c"));
        await store.Publish(_project, [Event("case.created", null, a)], T0);
        await store.Publish(_project, [Event("case.created", null, c)], T0.AddSeconds(1));
        await store.Publish(_project, [Event("case.created", null, b)], T0.AddSeconds(2));
        await store.Publish(_project, [Event("case.created", null, a)], T0.AddSeconds(3));
        var now = T0.AddMinutes(1);

        Assert.Equal([a, c], await store.WebhooksWithDueWork(now, 2));

        // A webhook that cannot send (a free plan's, a disabled one) would come first on every pass: it is paused.
        await store.Pause(a, now.AddMinutes(1));
        Assert.Equal([c, b], await store.WebhooksWithDueWork(now, 3));
        Assert.Equal([a, c, b], await store.WebhooksWithDueWork(now.AddMinutes(2), 3)); // looked at again later

        await store.Resume(a);
        Assert.Equal([a], await store.WebhooksWithDueWork(now, 1));

        await store.Pause(a, now.AddMinutes(1));
        await store.Pause(b, now.AddMinutes(1));
        await store.ResumeWorkspace(GrainKeys.ParseProject(_project).WorkspaceId);
        Assert.Equal([a, c, b], await store.WebhooksWithDueWork(now, 10));
    }

    [Fact]
    public async Task Hourly_stats_count_attempts_by_outcome_with_percentiles_and_include_empty_hours()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var e1 = Event("case.created", null, a);
        var e2 = Event("case.updated", null, a);
        var other = Event("case.deleted", null, Webhook("wh_b"));
        await store.Publish(_project, [e1, e2, other], T0.AddHours(-3));
        var d1 = e1.Deliveries[0].DeliveryId;
        var d2 = e2.Deliveries[0].DeliveryId;
        // Hour T0-2h: two failures of d1; hour T0: d1's success and d2's timeout; T0-1h stays empty.
        await store.Record([new AttemptOutcome(a, d1, new DeliveryAttempt(T0.AddHours(-2), 500, 40, "HTTP 500", null, "http://x"), DeliveryStatus.Pending, T0)]);
        await store.Record([new AttemptOutcome(a, d1, new DeliveryAttempt(T0.AddHours(-2).AddMinutes(59), null, 10, "refused", null, "http://x"), DeliveryStatus.Pending, T0)]);
        await store.Record(
        [
            new AttemptOutcome(a, d1, new DeliveryAttempt(T0.AddMinutes(1), 204, 7, null, null, "http://x"), DeliveryStatus.Succeeded, null),
            new AttemptOutcome(a, d2, new DeliveryAttempt(T0.AddMinutes(30), null, 15000, "timed out", null, "http://x"), DeliveryStatus.Pending, T0.AddHours(1)),
            new AttemptOutcome(Webhook("wh_b"), other.Deliveries[0].DeliveryId, new DeliveryAttempt(T0, 200, 1, null, null, "http://y"), DeliveryStatus.Succeeded, null),
        ]);
        // A test delivery counts like any attempt; one before the window does not.
        var test = new DeliveryRecord(ResourceId.New("dlv"), "wh_a", ResourceId.New("evt"), "case.created", DeliveryStatus.Succeeded, 1, T0.AddMinutes(59), T0.AddMinutes(59), null, 200, 3, null);
        await store.AddFinished(a, test, Encoding.UTF8.GetBytes("{}"), new DeliveryAttempt(T0.AddMinutes(59), 200, 3, null, null, "http://x"));
        var early = new DeliveryRecord(ResourceId.New("dlv"), "wh_a", ResourceId.New("evt"), "case.created", DeliveryStatus.Failed, 1, T0.AddHours(-3), T0.AddHours(-3), null, 500, 9, "HTTP 500");
        await store.AddFinished(a, early, Encoding.UTF8.GetBytes("{}"), new DeliveryAttempt(T0.AddHours(-3), 500, 9, "HTTP 500", null, "http://x"));

        var hours = await store.HourlyStats(a, T0.AddHours(-2), 4);

        Assert.Equal(
        [
            new HourStats(T0.AddHours(-2), 0, 2, 10, 40),
            new HourStats(T0.AddHours(-1), 0, 0, null, null),
            new HourStats(T0, 2, 1, 7, 15000),
            new HourStats(T0.AddHours(1), 0, 0, null, null),
        ], hours);
        Assert.All(await store.HourlyStats(Webhook("wh_none"), T0, 3), h => Assert.Equal(0, h.Succeeded + h.Failed));
    }

    [Fact]
    public async Task Purge_removes_finished_deliveries_past_retention_and_keeps_pending_ones()
    {
        var store = await Store();
        var a = Webhook("wh_a");
        var done = Event("case.created", null, a);
        var waiting = Event("case.updated", null, a);
        await store.Publish(_project, [done, waiting], T0);
        await store.Record([new AttemptOutcome(a, done.Deliveries[0].DeliveryId, new DeliveryAttempt(T0, 200, 1, null, null, "http://x"), DeliveryStatus.Succeeded, null)]);

        Assert.Equal(0, await store.Purge(T0, T0));
        Assert.Equal(1, await store.Purge(T0.AddSeconds(1), T0.AddDays(2)));

        Assert.Null(await store.Get(a, done.Deliveries[0].DeliveryId));
        Assert.NotNull(await store.Get(a, waiting.Deliveries[0].DeliveryId));
        Assert.Single(await store.FindDue(a, T0, 10, []));
    }
}

public sealed class InMemoryDeliveryStoreTests : DeliveryStoreContract
{
    protected override Task<IDeliveryStore> Store() => Task.FromResult<IDeliveryStore>(new InMemoryDeliveryStore());
}

using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Hosting.Storage;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryStoreTests(PostgresServer postgres) : DeliveryStoreContract, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public async ValueTask InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabase());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).Migrate();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_deliveries_of_an_event_are_indexed_by_event()
    {
        await using var command = _dataSource!.CreateCommand(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'qase_deliveries'");
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            definitions.Add(reader.GetString(0));
        }

        Assert.Contains(definitions, d => d.EndsWith("(event_id)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_purge_goes_on_in_batches_past_rows_other_writers_hold_while_publishing_continues()
    {
        var store = new PostgresDeliveryStore(_dataSource!);
        var project = GrainKeys.Project(ResourceId.New("ws"), "PURGE");
        var webhook = $"{project}/wh_purge";
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var old = Enumerable.Range(0, 3000).Select(_ => Event(webhook)).ToList();
        await store.Publish(project, old, t0);
        await store.Record([.. old.Select(e => new AttemptOutcome(webhook, e.Deliveries[0].DeliveryId,
            new DeliveryAttempt(t0, 200, 1, null, "ok", "http://x"), DeliveryStatus.Succeeded, null))]);
        var held = old[1234].Deliveries[0].DeliveryId;

        // Another writer (a redelivery, say) holds one old row in an open transaction.
        await using var writer = await _dataSource!.OpenConnectionAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("UPDATE qase_deliveries SET error = error WHERE delivery_id = @id", writer, transaction))
        {
            hold.Parameters.AddWithValue("id", held);
            Assert.Equal(1, await hold.ExecuteNonQueryAsync());
        }

        var now = t0.AddDays(40);
        var purge = store.Purge(now.AddDays(-30), now);
        var published = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.Publish(project, [Event(webhook)], now)));
        var finished = await Task.WhenAny(purge, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.True(finished == purge, "the purge waited for the row another transaction holds");
        Assert.Equal(old.Count - 1, await purge);
        Assert.All(published, p => Assert.False(p[0].Repeat));
        Assert.Equal(20, (await store.FindDue(webhook, now, 100, [])).Count);
        await transaction.RollbackAsync();
        Assert.Equal(1, await store.Purge(now.AddDays(-30), now));
        Assert.Null(await store.Get(webhook, held));
    }

    [Fact]
    public async Task A_publish_waiting_on_a_row_lock_holds_up_no_other_publish()
    {
        var store = new PostgresDeliveryStore(_dataSource!);
        var stuck = GrainKeys.Project(ResourceId.New("ws"), "STUCK");
        var other = GrainKeys.Project(ResourceId.New("ws"), "OTHER");
        var t0 = DateTimeOffset.UtcNow;

        // Another transaction has claimed the key and not committed yet: a publish with that key waits for it.
        await using var writer = await _dataSource!.OpenConnectionAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(
            "INSERT INTO qase_idempotency_keys (project_key, idempotency_key, event_id, webhooks, created_at) VALUES (@p, 'k', 'evt_x', 1, @t)",
            writer, transaction))
        {
            hold.Parameters.AddWithValue("p", stuck);
            hold.Parameters.AddWithValue("t", t0);
            await hold.ExecuteNonQueryAsync();
        }
        var waiting = store.Publish(stuck, [Event($"{stuck}/wh_a") with { IdempotencyKey = "k" }], t0);
        await Eventually.Value(Waiters, n => n > 0, TimeSpan.FromSeconds(10), "a publish waiting on the held key");

        var unrelated = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.Publish(other, [Event($"{other}/wh_b")], t0)));
        var finished = await Task.WhenAny(unrelated, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.True(finished == unrelated, "publishes of another project waited behind a commit blocked on a lock");
        Assert.False(waiting.IsCompleted);
        await transaction.RollbackAsync();
        Assert.False((await waiting)[0].Repeat);
        Assert.Equal(5, (await store.FindDue($"{other}/wh_b", t0, 100, [])).Count);
    }

    [Fact]
    public async Task Concurrent_batches_taking_the_same_keys_in_opposite_orders_all_get_answers()
    {
        var store = new PostgresDeliveryStore(_dataSource!);
        var project = GrainKeys.Project(ResourceId.New("ws"), "KEYS");
        var webhook = $"{project}/wh_a";
        var keys = Enumerable.Range(0, 50).Select(i => $"key-{i}").ToList();

        // Every batch takes all keys, half of them in reverse: transactions that overlap must not deadlock.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(b => Task.Run(() => store.Publish(project,
            [.. (b % 2 == 0 ? keys : Enumerable.Reverse(keys)).Select(k => Event(webhook) with { IdempotencyKey = k })], DateTimeOffset.UtcNow))));

        for (var k = 0; k < keys.Count; k++)
        {
            // Batch b holds key k at its position in that batch's order.
            var outcomes = answers.Select((a, b) => a[b % 2 == 0 ? k : keys.Count - 1 - k]).ToList();
            var first = Assert.Single(outcomes, o => !o.Repeat);
            Assert.All(outcomes, o => Assert.Equal(first.Answer, o.Answer));
        }
        Assert.Equal(keys.Count, answers.SelectMany(a => a).Count(o => !o.Repeat));
        Assert.Equal(keys.Count, (await store.FindDue(webhook, DateTimeOffset.UtcNow, 1000, [])).Count);
    }

    [Fact]
    public async Task A_publish_whose_deliveries_cannot_be_written_leaves_nothing_behind_and_fails_only_itself()
    {
        var store = new PostgresDeliveryStore(_dataSource!);
        var project = GrainKeys.Project(ResourceId.New("ws"), "ATOM");
        var webhook = $"{project}/wh_a";
        var t0 = DateTimeOffset.UtcNow;
        var first = Event(webhook);
        await store.Publish(project, [first], t0);

        // The same delivery id again: its event is written first, then its delivery breaks the primary key.
        var broken = Event(webhook) with { Deliveries = [(first.Deliveries[0].DeliveryId, webhook)] };
        var fine = Enumerable.Range(0, 20).Select(_ => Event(webhook)).ToList();
        var publishes = fine.Select(e => store.Publish(project, [e], t0)).Prepend(store.Publish(project, [broken], t0)).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => publishes[0]);
        await Task.WhenAll(publishes.Skip(1));
        await using var command = _dataSource!.CreateCommand("SELECT count(*) FROM qase_events WHERE event_id = @id");
        command.Parameters.AddWithValue("id", broken.EventId);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        Assert.Equal(1 + fine.Count, (await store.FindDue(webhook, t0, 1000, [])).Count);
    }

    [Fact]
    public async Task A_silo_that_did_not_publish_an_event_reads_its_body_once_for_all_its_deliveries()
    {
        var project = GrainKeys.Project(ResourceId.New("ws"), "FAN");
        var webhooks = Enumerable.Range(0, 5).Select(i => $"{project}/wh_{i}").ToArray();
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var e = new StoredEvent(ResourceId.New("evt"), "run.completed", """{"event_name":"run.completed"}"""u8.ToArray(), null,
            [.. webhooks.Select(w => (ResourceId.New("dlv"), w))]);
        await new PostgresDeliveryStore(_dataSource!).Publish(project, [e], t0);

        // Another silo (or this one after a restart): its webhooks claim the deliveries from the database.
        var other = new PostgresDeliveryStore(_dataSource!);
        var bodies = new List<byte[]>();
        foreach (var webhook in webhooks)
        {
            bodies.Add(Assert.Single(await other.FindDue(webhook, t0, 10, [])).Body);
        }
        var head = await other.FirstInOrder(webhooks[0]);

        Assert.Equal(e.Body, bodies[0]);
        Assert.All(bodies, body => Assert.Same(bodies[0], body));
        Assert.Same(bodies[0], head!.Value.Delivery.Body);
    }

    private async Task<long> Waiters()
    {
        await using var command = _dataSource!.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static StoredEvent Event(string webhookKey) => new(
        ResourceId.New("evt"), "case.created", "{}"u8.ToArray(), null, [(ResourceId.New("dlv"), webhookKey)]);

    protected override Task<IDeliveryStore> Store() => Task.FromResult<IDeliveryStore>(new PostgresDeliveryStore(_dataSource!));
}

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

    private static StoredEvent Event(string webhookKey) => new(
        ResourceId.New("evt"), "case.created", "{}"u8.ToArray(), null, [(ResourceId.New("dlv"), webhookKey)]);

    protected override Task<IDeliveryStore> Store() => Task.FromResult<IDeliveryStore>(new PostgresDeliveryStore(_dataSource!));
}

using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qase.Webhooks.Hosting.Storage;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Migrating_twice_changes_nothing_the_second_time()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabase());
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.Migrate();
        var schema = await Describe(dataSource);
        var second = await migrator.Migrate();

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(schema, await Describe(dataSource));
        Assert.Contains(schema, row => row.StartsWith("qase_deliveries.delivery_id "));
        Assert.Contains(schema, row => row.StartsWith("orleansquery.querykey "));
        Assert.Contains(schema, row => row.StartsWith("query CleanupDefunctSiloEntriesKey "));
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_migration_once_and_both_succeed()
    {
        var connectionString = await postgres.CreateDatabase();
        await using var one = NpgsqlDataSource.Create(connectionString);
        await using var two = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            new SchemaMigrator(one, NullLogger<SchemaMigrator>.Instance).Migrate(),
            new SchemaMigrator(two, NullLogger<SchemaMigrator>.Instance).Migrate());

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
        Assert.Contains(results, r => r.Count == 0);
        await using var count = one.CreateCommand("SELECT count(*) FROM qase_schema_migrations");
        Assert.Equal((long)SchemaMigrator.Migrations.Count, await count.ExecuteScalarAsync());
    }

    /// <summary>Tables, columns, indexes and the Orleans stored queries, as one comparable list.</summary>
    private static async Task<List<string>> Describe(NpgsqlDataSource dataSource)
    {
        var rows = new List<string>();
        await using var command = dataSource.CreateCommand("""
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}

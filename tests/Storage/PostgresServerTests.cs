using Npgsql;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_server_answers_a_query()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);

        var version = (int)(await command.ExecuteScalarAsync())!;

        Assert.True(version >= 130000, $"server_version_num {version}");
    }

    [Fact]
    public async Task Each_created_database_is_isolated_from_the_others()
    {
        var databases = await Task.WhenAll(postgres.CreateDatabase(), postgres.CreateDatabase());
        await using (var first = new NpgsqlConnection(databases[0]))
        {
            await first.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE only_here (id int); INSERT INTO only_here VALUES (1)", first);
            await create.ExecuteNonQueryAsync();
        }

        Assert.Equal(1L, await Scalar(databases[0], "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.Equal(0L, await Scalar(databases[1], "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

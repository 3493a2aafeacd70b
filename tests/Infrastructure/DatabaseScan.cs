using System.Text;
using Npgsql;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Every value of every table of a database, read raw with Npgsql, as someone holding a copy of it would.</summary>
public static class DatabaseScan
{
    /// <summary>One stored value: where it is and its bytes (<c>bytea</c> as stored, anything else as its UTF-8 text).</summary>
    public sealed record StoredValue(string Table, string Column, byte[] Bytes);

    public static async Task<IReadOnlyList<StoredValue>> All(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var values = new List<StoredValue>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        var value = reader.GetValue(i);
                        values.Add(new StoredValue(table, reader.GetName(i), value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
                    }
                }
            }
        }
        return values;
    }

    /// <summary>The grain-state payloads of one state name (<c>webhook</c>, <c>workspace</c>...) in the Orleans storage table.</summary>
    public static async Task<IReadOnlyList<byte[]>> GrainStates(string connectionString, string stateName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @name AND PayloadBinary IS NOT NULL", connection);
        select.Parameters.AddWithValue("name", stateName);
        await using var reader = await select.ExecuteReaderAsync();
        var payloads = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            payloads.Add((byte[])reader.GetValue(0));
        }
        return payloads;
    }

    /// <summary>Where <paramref name="needle"/> occurs, as "table.column"; empty when nowhere.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<StoredValue> values, byte[] needle) =>
        [.. values.Where(v => v.Bytes.AsSpan().IndexOf(needle) >= 0).Select(v => $"{v.Table}.{v.Column}").Distinct()];
}

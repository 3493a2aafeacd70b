using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Qase.Webhooks.Hosting.Secrets;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// Says at start how many sealed grain states still use a key other than <c>Secrets:Key</c>, so that an operator
/// rotating the key knows when the old one can be dropped, and which rows no configured key opens.
/// </summary>
public sealed partial class SealedStateCensus(
    NpgsqlDataSource dataSource,
    StateSealer sealer,
    IOptions<ClusterOptions> cluster,
    ILogger<SealedStateCensus> logger) : BackgroundService
{
    // The key id sits after the 2-byte marker and the version byte (SQL substrings count from 1).
    private const string CountByKey = """
        SELECT encode(substring(PayloadBinary FROM 4 FOR 4), 'hex'), count(*)
          FROM OrleansStorage
         WHERE ServiceId = @service AND substring(PayloadBinary FROM 1 FOR 2) = 'qs'::bytea
         GROUP BY 1
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keys = sealer.Keys;
        var counts = new Dictionary<string, long>();
        try
        {
            await using var command = dataSource.CreateCommand(CountByKey);
            command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
            await using var reader = await command.ExecuteReaderAsync(stoppingToken);
            while (await reader.ReadAsync(stoppingToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // Only a report: the database being down at start is told by the health checks.
            return;
        }
        foreach (var (keyId, count) in counts.Where(c => c.Key != keys.Current.IdText))
        {
            if (keys.Find(keyId) is null)
            {
                LogUnknownKey(count, keyId);
            }
            else
            {
                LogPreviousKey(count, keyId);
            }
        }
        if (keys.All.Count > 1 && counts.Keys.All(id => id == keys.Current.IdText))
        {
            LogAllCurrent(keys.Current.IdText);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} sealed grain states use key id {KeyId}, which is neither Secrets:Key nor in Secrets:PreviousKeys: their grains fail until that key is added.")]
    private partial void LogUnknownKey(long count, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sealed grain states still use key id {KeyId} of Secrets:PreviousKeys; each is sealed under Secrets:Key on its next write.")]
    private partial void LogPreviousKey(long count, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every sealed grain state uses Secrets:Key (key id {KeyId}): Secrets:PreviousKeys can be emptied.")]
    private partial void LogAllCurrent(string keyId);
}

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The API co-hosting a silo in PostgreSQL mode on a fresh database of the shared test server.</summary>
public static class PostgresApi
{
    public static async Task<ApiServer> Start(PostgresServer postgres, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabase(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var server = new ApiServer(all);
        await server.InitializeAsync();
        return server;
    }
}

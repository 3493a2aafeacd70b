using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
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

    protected override Task<IDeliveryStore> Store() => Task.FromResult<IDeliveryStore>(new PostgresDeliveryStore(_dataSource!));
}

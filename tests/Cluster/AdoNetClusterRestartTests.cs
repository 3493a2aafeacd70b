using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Hosting.Secrets;
using Qase.Webhooks.Hosting.Storage;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Cluster;

/// <summary>
/// A two-silo test cluster whose grain state, reminders and outbox live in PostgreSQL through the ADO.NET
/// providers and the product's migrations: every silo is stopped, a new pair started on the same database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetClusterRestartTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly string _serviceId = "qase-test-" + Guid.NewGuid().ToString("N")[..8];
    private Receiver _receiver = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _database = await postgres.CreateDatabase();
        // Here the silos' own migration would start after the providers that need the schema, so it runs first.
        await using var dataSource = NpgsqlDataSource.Create(_database);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).Migrate();
    }

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task State_streaks_and_reminders_survive_stopping_every_silo_and_the_window_still_disables()
    {
        var workspaceId = ResourceId.New("ws");
        var webhookKey = GrainKeys.Webhook(workspaceId, "TWO", ResourceId.New("wh"));
        var path = DeliveryServer.NewPath();

        var first = await StartCluster();
        try
        {
            var workspace = first.Client.GetGrain<IWorkspaceGrain>(workspaceId);
            await workspace.Create(new NewWorkspace("Two silos", WorkspacePlan.Business, "owner@example.com"));
            await workspace.CreateProject(new NewProject("TWO", "Two"));
            await first.Client.GetGrain<IWebhookGrain>(webhookKey).Create(new NewWebhook("Down", _receiver.Url(path, new Reply(500)), "s", ["run.completed"]));
            await first.Client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, "TWO"))
                .Publish([new EventSubmission("run.completed", """{"id":1}"""u8.ToArray())]);
            await Eventually.Value(() => first.Client.GetGrain<IWebhookGrain>(webhookKey).Get(), w => w!.FailingSince is not null,
                TimeSpan.FromSeconds(20), "the streak started");
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartCluster();
        try
        {
            var workspace = await second.Client.GetGrain<IWorkspaceGrain>(workspaceId).Get();
            Assert.Equal("Two silos", workspace!.Name);
            Assert.NotNull(await second.Client.GetGrain<IWorkspaceGrain>(workspaceId).GetProject("two"));
            var webhook = await second.Client.GetGrain<IWebhookGrain>(webhookKey).Get();
            Assert.True(webhook!.HasSecret);
            Assert.NotNull(webhook.FailingSince);
            Assert.Equal([webhook.Id], await second.Client.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(workspaceId, "TWO")).GetWebhookIds());

            var disabled = await Eventually.Value(() => second.Client.GetGrain<IWebhookGrain>(webhookKey).Get(), w => !w!.Enabled,
                TimeSpan.FromSeconds(30), "disabled by the failure window after the restart");
            Assert.Equal(DisabledReason.Failing, disabled!.DisabledReason);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private async Task<InProcessTestCluster> StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = _serviceId;
        builder.Options.ClusterId = InProcessTestClusterBuilder.CreateClusterId();
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Delivery:AllowPrivateNetworks"] = "true",
                ["Delivery:RetrySchedule:0"] = "00:00:01",
                ["Delivery:SweepInterval"] = "00:00:01",
                ["Health:CheckPeriod"] = "00:00:01",
                ["Health:FailureWindow"] = "00:00:08",
            }).Build();
            silo.AddQaseGrainStorage(_database, new SealingKeys(new SealingKey(Convert.FromBase64String(TestSecrets.Key)), []));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (QaseHosting.Invariant, _database));
            silo.AllowShortHealthChecks(silo.Services.AddQaseSiloServices(configuration, _database));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Webhooks;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// One silo whose outbox counts and holds its calls on request, with a real receiver on loopback, short retries and no
/// sweep to speak of (an hour apart): the only claims are those the webhooks make themselves. It counts the handoffs
/// each webhook has finished taking, so a test knows when one has been dealt with.
/// </summary>
public sealed class HandoffClusterFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _handoffs = new(StringComparer.Ordinal);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FaultyDeliveryStore Store { get; } = new(new InMemoryDeliveryStore());

    public Receiver Receiver { get; private set; } = null!;

    /// <summary>How many handoffs of the router the webhook has finished with.</summary>
    public int Handoffs(string webhookKey) => _handoffs.GetValueOrDefault(webhookKey);

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        Cluster = await InProcessSilos.Deploy(1, silo =>
        {
            InProcessSilos.AddProduct(silo, new Dictionary<string, string?>
            {
                ["Delivery:RetrySchedule:0"] = "00:00:00.300",
                ["Delivery:SweepInterval"] = "01:00:00",
            });
            silo.Services.AddSingleton<IDeliveryStore>(Store);
            silo.AddIncomingGrainCallFilter(async context =>
            {
                await context.Invoke();
                if (context.MethodName == nameof(IWebhookDeliveryGrain.Deliver))
                {
                    _handoffs.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, n) => n + 1);
                }
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await InProcessSilos.Stop(Cluster);
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class HandoffClusterCollection : ICollectionFixture<HandoffClusterFixture>
{
    public const string Name = "handoff cluster";
}

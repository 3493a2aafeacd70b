using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Health;

/// <summary>
/// The 2-day rule with its real default window, on a clock the test moves: the grains, their timers and
/// reminders run on a <see cref="FakeTimeProvider"/>, while Orleans' own machinery keeps real time.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FailureWindowClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RecordingMailOutbox _mail = new();
    private readonly InMemoryDeliveryStore _store = new();
    private InProcessTestCluster _cluster = null!;
    private Receiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(_clock);
            foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
                         TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
            {
                silo.Services.AddKeyedSingleton(area, TimeProvider.System);
            }
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Delivery:AllowPrivateNetworks"] = "true",
                ["Health:CheckPeriod"] = "00:01:00",
            }).Build();
            silo.AllowShortHealthChecks(silo.Services.AddQaseSiloServices(configuration));
            silo.Services.AddSingleton<IDeliveryStore>(_store); // one outbox for every silo, as a database would be
            silo.Services.AddSingleton<IMailOutbox>(_mail);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_webhook_failing_for_two_days_is_disabled_when_the_clock_jumps_two_days()
    {
        var client = _cluster.Client;
        var workspaceId = ResourceId.New("ws");
        var workspace = client.GetGrain<IWorkspaceGrain>(workspaceId);
        await workspace.Create(new NewWorkspace("Acme", WorkspacePlan.Business, "owner@example.com"));
        await workspace.CreateProject(new NewProject("CLOCK", "Clock"));
        var path = DeliveryServer.NewPath();
        var webhook = client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, "CLOCK", ResourceId.New("wh")));
        await webhook.Create(new NewWebhook("Down", _receiver.Url(path, new Reply(500)), null, ["run.completed"]));

        await client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, "CLOCK"))
            .Publish([new EventSubmission("run.completed", """{"id":1}"""u8.ToArray())]);

        var failing = await Eventually.Value(webhook.Get, w => w!.FailingSince is not null, TimeSpan.FromSeconds(10), "the streak started");
        Assert.True(failing!.Enabled);
        _clock.Advance(TimeSpan.FromHours(47));
        Assert.True((await webhook.Get())!.Enabled);

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var disabled = await Eventually.Value(webhook.Get, w => !w!.Enabled, TimeSpan.FromSeconds(10), "disabled after two days");
        Assert.Equal(DisabledReason.Failing, disabled!.DisabledReason);
        Assert.True(disabled.DisabledAt - failing.FailingSince >= TimeSpan.FromDays(2));
        await Eventually.True(() => _mail.Queued.Count > 0, TimeSpan.FromSeconds(10), () => "the owner's mail queued");
        var mail = Assert.Single(_mail.Queued);
        Assert.Equal("owner@example.com", mail.To);
        Assert.Contains("no delivery succeeded", mail.TextBody);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Qase.Webhooks.Delivery;
using Qase.Webhooks.Health;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Notifications;

namespace Qase.Webhooks.Silo.Hosting;

/// <summary>
/// How every process of the service joins the cluster, configured from one place: the <c>silo</c>
/// process and the <c>api</c> process (co-hosting a silo, or as a client) both call this.
/// </summary>
public static class QaseHosting
{
    /// <summary>Binds and validates the configuration, then hosts a silo or an Orleans client as <c>Orleans:Mode</c> says.</summary>
    public static QaseClusterOptions AddQaseCluster(this IHostApplicationBuilder builder)
    {
        var cluster = Bind<QaseClusterOptions, ClusterOptionsValidator>(builder, QaseClusterOptions.Section);
        Bind<DeliveryOptions, DeliveryOptionsValidator>(builder, DeliveryOptions.Section);
        var health = Bind<HealthOptions, HealthOptionsValidator>(builder, HealthOptions.Section);
        Bind<SmtpOptions, SmtpOptionsValidator>(builder, SmtpOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        if (cluster.IsClient)
        {
            // Joining a cluster needs a membership table that other processes share.
            throw new OptionsValidationException(QaseClusterOptions.Section, typeof(QaseClusterOptions),
                ["Orleans:Mode=client needs ConnectionStrings:Postgres: the clients find the silos in its membership table."]);
        }

        builder.Services.AddHostedService<EmbeddedModeNotice>();
        builder.Services.AddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddHostedService<DeliverySweeper>();
        builder.Services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
        builder.Services.AddHostedService<MailDispatcher>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o =>
            {
                if (health.CheckPeriod < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = health.CheckPeriod;
                }
            });
            silo.AddDashboard();
        });
        return cluster;
    }

    private static T Bind<T, TValidator>(IHostApplicationBuilder builder, string section)
        where T : class, new()
        where TValidator : class, IValidateOptions<T>
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>, TValidator>();
        // Hosting decisions are made now, before the container exists: read the same values the options will hold.
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var result = Activator.CreateInstance<TValidator>().Validate(null, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }
        return value;
    }
}

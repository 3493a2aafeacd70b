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
        var cluster = Bind<QaseClusterOptions, ClusterOptionsValidator>(builder.Services, builder.Configuration, QaseClusterOptions.Section);
        if (cluster.IsClient)
        {
            // Joining a cluster needs a membership table that other processes share.
            throw new OptionsValidationException(QaseClusterOptions.Section, typeof(QaseClusterOptions),
                ["Orleans:Mode=client needs ConnectionStrings:Postgres: the clients find the silos in its membership table."]);
        }

        var health = builder.Services.AddQaseSiloServices(builder.Configuration);
        builder.Services.AddHostedService<EmbeddedModeNotice>();
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
            silo.AllowShortHealthChecks(health);
            silo.AddDashboard();
        });
        return cluster;
    }

    /// <summary>
    /// What the grains of a silo need besides Orleans: the validated <c>Delivery:*</c>, <c>Health:*</c> and
    /// <c>Smtp:*</c> options, the outbox and mail queue, the sender, the metrics, the sweep and the mail dispatcher.
    /// </summary>
    public static HealthOptions AddQaseSiloServices(this IServiceCollection services, IConfiguration configuration)
    {
        Bind<DeliveryOptions, DeliveryOptionsValidator>(services, configuration, DeliveryOptions.Section);
        var health = Bind<HealthOptions, HealthOptionsValidator>(services, configuration, HealthOptions.Section);
        Bind<SmtpOptions, SmtpOptionsValidator>(services, configuration, SmtpOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
        services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
        services.AddHostedService<DeliverySweeper>();
        services.AddHostedService<MailDispatcher>();
        return health;
    }

    /// <summary>Health reminders may tick faster than Orleans' one-minute default when <c>Health:CheckPeriod</c> asks for it.</summary>
    public static ISiloBuilder AllowShortHealthChecks(this ISiloBuilder silo, HealthOptions health) =>
        silo.Configure<ReminderOptions>(o =>
        {
            if (health.CheckPeriod < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = health.CheckPeriod;
            }
        });

    private static T Bind<T, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
        where TValidator : class, IValidateOptions<T>
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        // Hosting decisions are made now, before the container exists: read the same values the options will hold.
        var value = configuration.GetSection(section).Get<T>() ?? new T();
        var result = Activator.CreateInstance<TValidator>().Validate(null, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }
        return value;
    }
}

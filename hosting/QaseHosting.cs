using System.Net;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Health;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Notifications;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Grains.Validation;
using Qase.Webhooks.Hosting.Secrets;
using Qase.Webhooks.Hosting.Storage;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// How every process of the service joins the cluster, configured from one place: the <c>silo</c>
/// process and the <c>api</c> process (co-hosting a silo, or as a client) both call this. Without
/// <c>ConnectionStrings:Postgres</c> it is the embedded mode (localhost clustering, memory storage);
/// with it, clustering, grain state, reminders, deliveries and mails all live in that database.
/// </summary>
public static class QaseHosting
{
    public const string Invariant = "Npgsql";

    private const string SiloCategory = "Orleans.Runtime.Silo";

    /// <summary>Binds and validates the configuration, then hosts a silo or an Orleans client as <c>Orleans:Mode</c> says.</summary>
    public static QaseClusterOptions AddQaseCluster(this IHostApplicationBuilder builder)
    {
        var cluster = Bind<QaseClusterOptions, ClusterOptionsValidator>(builder.Services, builder.Configuration, QaseClusterOptions.Section);
        var postgres = PostgresConnectionString(builder.Configuration);
        builder.Services.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        // Orleans narrates its start at length, and ASP.NET Core every request; the service's own lines are the
        // ones an operator needs. Configured levels (Logging:LogLevel:*) win.
        foreach (var category in new[] { "Orleans", "Polly", "Microsoft.AspNetCore" })
        {
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
        if (!GCSettings.IsServerGC && builder.Configuration["Logging:LogLevel:Orleans.Runtime.Silo"] is null)
        {
            // The hosts take the workstation collector on purpose (its short pauses cured the latency tail), so the silo's
            // start-up advice to turn on the server collector is noise. Its other warnings are shutdown notes, which the
            // membership lines tell as well; its errors still show.
            builder.Services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, SiloCategory, LogLevel.Warning,
                (_, category, level) => category != SiloCategory || level >= LogLevel.Error)));
        }
        if (cluster.IsClient)
        {
            AddClient(builder, cluster, postgres ?? throw new OptionsValidationException(QaseClusterOptions.Section, typeof(QaseClusterOptions),
                ["Orleans:Mode=client needs ConnectionStrings:Postgres: the clients find the silos in its membership table."]));
            return cluster;
        }

        builder.Services.AddSingleton(ClusterConnection.Hosted());
        // A key given is checked in either mode; only a silo on PostgreSQL needs one.
        var keys = SealingKeys.FromConfiguration(builder.Configuration);
        // Registered before Orleans, so the schema is migrated before the silo starts.
        var health = builder.Services.AddQaseSiloServices(builder.Configuration, postgres);
        if (postgres is null)
        {
            builder.Services.AddHostedService<EmbeddedModeNotice>();
        }
        builder.UseOrleans(silo =>
        {
            if (postgres is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Default);
                // Orleans' own binary form rather than the default JSON: nothing outlives the process, so no stored format
                // is kept, and the JSON serializer took a sixth of the service's CPU while webhooks were created.
                silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Default)
                    .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                silo.UseInMemoryReminderService();
            }
            else
            {
                if (cluster.AdvertisedIP is { } advertised)
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(advertised), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, postgres));
                // Checked before anything starts: without its key a silo would write secrets in clear, or none it could read back.
                silo.AddQaseGrainStorage(postgres, keys ?? throw SealingKeys.Missing());
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, postgres));
            }
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // After a whole-cluster restart the first silo, still joining, probes only the rows that look stale or
                // suspected: frequent heartbeats make a crashed silo's row stale in 15 s rather than 90 s, and a capped
                // probe (a joining silo counts itself degraded, which stretches probes to 20 s) evicts it soon after.
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                o.MaxProbeTimeout = TimeSpan.FromSeconds(8);
            });
            silo.AddIncomingGrainCallFilter<UnavailableDependencyFilter>();
            silo.AllowShortHealthChecks(health);
            silo.AddActivityPropagation(); // a grain call joins its caller's trace
            silo.Services.Replace(ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>());
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
            silo.AddDashboard();
        });
        return cluster;
    }

    /// <summary>
    /// What the grains of a silo need besides Orleans: the validated <c>Delivery:*</c>, <c>Health:*</c> and
    /// <c>Smtp:*</c> options, the outbox and mail queue (in memory, or in PostgreSQL with the schema migrated
    /// at start), the sender, the metrics, the sweep and the mail dispatcher.
    /// </summary>
    public static HealthOptions AddQaseSiloServices(this IServiceCollection services, IConfiguration configuration, string? postgres = null)
    {
        Bind<DeliveryOptions, DeliveryOptionsValidator>(services, configuration, DeliveryOptions.Section);
        var health = Bind<HealthOptions, HealthOptionsValidator>(services, configuration, HealthOptions.Section);
        Bind<SmtpOptions, SmtpOptionsValidator>(services, configuration, SmtpOptions.Section);
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.Section)).ValidateOnStart();
        // Built here, at start, so no publish ever pays for building the schemas.
        services.AddSingleton(new PayloadSchemas(configuration.GetSection(EventOptions.Section).Get<EventOptions>() ?? new EventOptions()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<AttemptRecorder>();
        if (postgres is null)
        {
            services.AddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
            services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
        }
        else
        {
            services.AddQaseDatabase(postgres);
            services.AddHostedService<SchemaMigrationService>();
            services.AddSingleton<IDeliveryStore, PostgresDeliveryStore>();
            services.AddSingleton<IMailOutbox, PostgresMailOutbox>();
        }
        services.AddHostedService<DeliverySweeper>();
        services.AddHostedService<MailDispatcher>();
        return health;
    }

    /// <summary>One shared connection pool per process, logging through the host's loggers, and the migrator that uses it.</summary>
    public static IServiceCollection AddQaseDatabase(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(provider =>
        {
            // Named, so that its metrics carry "qase" as the pool name rather than the connection string.
            var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "qase" };
            return builder.UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>()).Build();
        });
        services.TryAddSingleton<SchemaMigrator>();
        return services;
    }

    /// <summary>
    /// Grain state in PostgreSQL: the ADO.NET provider, storing states in their binary form (<see cref="StoredStateSerializer"/>),
    /// inside the sealing of states that carry secrets (under <paramref name="keys"/>), inside the storage that reports a
    /// database that is down as unavailable.
    /// </summary>
    public static ISiloBuilder AddQaseGrainStorage(this ISiloBuilder silo, string postgres, SealingKeys keys)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = (Invariant, postgres));
        silo.Services.AddSingleton(services => new StoredStateSerializer(
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IGrainStorageSerializer>()));
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Default)
            .Configure<StoredStateSerializer>((o, serializer) => o.GrainStorageSerializer = new SealedPayloadSerializer(serializer));
        silo.Services.AddSingleton(new StateSealer(keys));
        silo.Services.AddHostedService<SealedStateCensus>();
        // Registered last, so it is the one resolved: the ADO.NET provider inside it.
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (services, name) => new UnavailableAwareGrainStorage(
            new SealingGrainStorage(
                AdoNetGrainStorageFactory.Create(services, (string)name!),
                services.GetRequiredService<StateSealer>(),
                services.GetRequiredService<StoredStateSerializer>(),
                services.GetRequiredService<IActivatorProvider>(),
                services.GetRequiredService<ILogger<SealingGrainStorage>>())));
        return silo;
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

    /// <summary>The PostgreSQL connection string, checked; <c>null</c> in the embedded mode.</summary>
    public static string? PostgresConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            return string.IsNullOrEmpty(parsed.Host)
                ? throw new ArgumentException("it names no Host.")
                : value;
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(string),
                [$"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {ex.Message}"]);
        }
    }

    private static void AddClient(IHostApplicationBuilder builder, QaseClusterOptions cluster, string postgres)
    {
        builder.Services.AddQaseDatabase(postgres);
        // The client's start retries forever; started side by side with it, HTTP serves (and answers 503) meanwhile.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        var connection = ClusterConnection.Client();
        builder.Services.AddSingleton(connection);
        builder.Services.AddSingleton<ILifecycleParticipant<IClusterClientLifecycle>>(connection);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, postgres));
            client.AddActivityPropagation();
            client.Services.Replace(ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>());
            client.UseConnectionRetryFilter<EndlessConnectionRetry>();
            // Silos that started since are found within seconds, not the default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // A call sent to a silo that dies gets no answer: it is a 503 after 15 s rather than a request hanging for 30.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
            client.AddDashboard();
        });
    }

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

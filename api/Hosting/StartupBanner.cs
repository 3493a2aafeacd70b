using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Api;

/// <summary>
/// The few lines a newcomer needs once the service is up, printed last: where it is, its pages, the admin
/// token, whether anything is kept, and where deliveries may go. Plain text on the console; one log entry
/// instead when the console logs JSON, so that each line there stays one JSON object. It is information of
/// the <c>Qase.Webhooks.Startup</c> category: a log level above that silences it, and then a generated
/// admin token is still logged, as a warning, since nothing else would tell it.
/// </summary>
public static class StartupBanner
{
    public const string Category = "Qase.Webhooks.Startup";

    public static void PrintWhenStarted(WebApplication app, QaseClusterOptions cluster) =>
        // Registered before the host starts, so it runs after the host's own "Application started" lines.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
            if (!logger.IsEnabled(LogLevel.Information))
            {
                if (app.Services.GetRequiredService<AdminToken>().Generated is { } token)
                {
                    logger.LogWarning("Auth:AdminToken is not set; generated an admin token for this run: {AdminToken}", token);
                }
                return;
            }
            var text = Compose(app, cluster);
            if (string.Equals(app.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogInformation("{Banner}", text);
            }
            else
            {
                Console.Out.Write(text);
                Console.Out.Flush();
            }
        });

    private static string Compose(WebApplication app, QaseClusterOptions cluster)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(Browsable).ToList() ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        var text = new StringBuilder().AppendLine();
        text.AppendLine($"Qase webhooks is running at {url}" + (addresses.Count > 1 ? $" (also {string.Join(", ", addresses.Skip(1))})" : ""));
        if (HasHomePage(app))
        {
            text.AppendLine($"  {url}/           the webhooks page: sign in with a workspace token");
        }
        text.AppendLine($"  {url}/docs       the API: what it does, a walk-through, every route");
        text.AppendLine($"  {url}/dashboard  the Orleans dashboard: any user name, the admin token as password");

        var admin = app.Services.GetRequiredService<AdminToken>();
        text.AppendLine(admin.Generated is { } token
            ? $"Admin token, made up for this run (set {AuthOptions.Section}:{nameof(AuthOptions.AdminToken)} to choose one):\n  {token}"
            : $"Admin token: the one set in {AuthOptions.Section}:{nameof(AuthOptions.AdminToken)}.");

        var postgres = QaseHosting.PostgresConnectionString(app.Configuration);
        text.AppendLine(postgres is null
            ? $"{EmbeddedModeNotice.Durability}\n  {EmbeddedModeNotice.MakeDurable}"
            : $"Durable: the cluster, its state and every accepted event are kept in PostgreSQL ({Describe(postgres)}).");

        if (cluster.IsClient)
        {
            text.AppendLine($"Deliveries are made by the cluster's silos, as their own {NetworkAddressPolicy.AllowSetting} says.");
        }
        else if (app.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowPrivateNetworks)
        {
            text.AppendLine($"{NetworkAddressPolicy.AllowSetting}=true: deliveries may go to loopback and private addresses. For development only.");
        }
        else
        {
            text.AppendLine("Deliveries to loopback and private addresses (localhost among them) are refused:\n" +
                $"  start with --{NetworkAddressPolicy.AllowSetting}=true to allow them, for development.");
        }
        return text.AppendLine().ToString();
    }

    // The page at "/" is served by an endpoint or by a static index file, whichever the API has.
    private static bool HasHomePage(WebApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Any(e => e.RoutePattern.RawText is "/" or "" && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
        || app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists;

    // A wildcard bind is reached at localhost from the machine itself.
    private static string Browsable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    // Where the data is, without the password.
    private static string Describe(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"Host={parsed.Host}; Database={parsed.Database ?? parsed.Username}";
    }
}

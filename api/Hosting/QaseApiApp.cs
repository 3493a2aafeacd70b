using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Api.Delivery;
using Qase.Webhooks.Api.Events;
using Qase.Webhooks.Api.Json;
using Qase.Webhooks.Api.Operations;
using Qase.Webhooks.Api.Problems;
using Qase.Webhooks.Api.Projects;
using Qase.Webhooks.Api.Webhooks;
using Qase.Webhooks.Api.Web;
using Qase.Webhooks.Api.Workspaces;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Api;

/// <summary>The API process: the cluster (co-hosted silo or client), then HTTP in front of it.</summary>
public static class QaseApiApp
{
    /// <param name="configureServices">Last word on the services, after the configuration has set them up (tests use it).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var cluster = builder.AddQaseCluster();
        AddHttpServices(builder);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        StartupBanner.PrintWhenStarted(app, cluster);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebPage();
        app.UseRouting();
        app.UseClusterGate();
        BodyLimit.UseBodyLimits(app);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapWorkspacesApi();
        foreach (var prefix in new[] { "/v1/projects", "/v1/workspaces/{workspace_id}/projects" })
        {
            app.MapGroup(prefix)
                .WithTags("Projects")
                .RequireAuthorization()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .MapProjectsApi()
                .MapWebhooksApi()
                .MapDeliveriesApi()
                .MapEventsApi();
        }
        app.MapEventTypesApi();
        app.MapOperations();
        return app;
    }

    private static void AddHttpServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = BodyLimit.Batch);

        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddSingleton(ResolveAdminToken(builder.Configuration));
        builder.Services.AddSingleton(services => new UnknownTokenCache(services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddAuthentication(QaseClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(QaseClaims.Scheme, null);
        // Authentication brings ASP.NET's data protection, whose hosted service loads its key ring at start and, on a
        // new machine, creates one in the user's profile with a warning that it is unencrypted. Nothing the service
        // serves is protected with those keys (tokens, no cookies, no antiforgery), so they are made only if ever asked for.
        foreach (var keyRingLoader in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
                     && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            builder.Services.Remove(keyRingLoader);
        }
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(QaseClaims.AdminPolicy, policy => policy.RequireRole(QaseClaims.AdminRole));

        builder.AddQaseOperations();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<TokenSecurityTransformer>().AddDocumentTransformer<IntroductionTransformer>()
            .AddDocumentTransformer<EventSchemasTransformer>());
    }

    public static void ConfigureJson(System.Text.Json.JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
    }

    private static AdminToken ResolveAdminToken(IConfiguration configuration)
    {
        // Read now, as the options will hold it: the banner shows a generated token before any request.
        var configured = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.AdminToken;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return AdminToken.From(configured);
        }
        if (QaseHosting.PostgresConnectionString(configuration) is not null)
        {
            // A token made up at each start would change under every client of a durable service.
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions),
                ["Auth:AdminToken is required in PostgreSQL mode (ConnectionStrings:Postgres is set)."]);
        }
        return AdminToken.Generate();
    }
}

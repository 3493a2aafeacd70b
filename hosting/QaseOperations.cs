using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qase.Webhooks.Hosting.Storage;

namespace Qase.Webhooks.Hosting;

/// <summary>Health, metrics and traces, the same in every process: live while it runs, ready when the cluster (and the database) answer.</summary>
public static class QaseOperations
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddQaseOperations(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        if (QaseHosting.PostgresConnectionString(builder.Configuration) is not null)
        {
            checks.AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        }
        builder.AddQaseTelemetry();
        return builder;
    }

    public static IEndpointRouteBuilder MapQaseOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        routes.MapPrometheusScrapingEndpoint("/metrics");
        return routes;
    }
}

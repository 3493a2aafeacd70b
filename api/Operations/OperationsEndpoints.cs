using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using OpenTelemetry.Exporter;
using Qase.Webhooks.Api.Auth;
using Scalar.AspNetCore;

namespace Qase.Webhooks.Api.Operations;

/// <summary>What operators use: health, the OpenAPI document and its page, and the Orleans dashboard.</summary>
public static class OperationsEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        routes.MapPrometheusScrapingEndpoint("/metrics");
        routes.MapOpenApi("/openapi/{documentName}.json");
        routes.MapScalarApiReference("/docs", options => options
            .WithTitle("Qase webhooks API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        routes.MapOrleansDashboard("/dashboard").RequireAuthorization(QaseClaims.AdminPolicy).ExcludeFromDescription();
        return routes;
    }
}

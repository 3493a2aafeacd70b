using Orleans.Dashboard;
using Qase.Webhooks.Api.Auth;
using Qase.Webhooks.Hosting;
using Scalar.AspNetCore;

namespace Qase.Webhooks.Api.Operations;

/// <summary>What operators use: health and metrics, the OpenAPI document and its page, and the Orleans dashboard.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapQaseOperations();
        routes.MapOpenApi("/openapi/{documentName}.json");
        routes.MapScalarApiReference("/docs", options => options
            .WithTitle("Qase webhooks API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        routes.MapOrleansDashboard("/dashboard").RequireAuthorization(QaseClaims.AdminPolicy).ExcludeFromDescription();
        return routes;
    }
}

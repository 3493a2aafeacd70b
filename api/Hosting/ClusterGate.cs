using Microsoft.AspNetCore.Authorization;
using Qase.Webhooks.Api.Problems;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Api;

/// <summary>
/// Until an api in client mode has first reached the cluster, every route that needs it (all routes behind a
/// token, the dashboard included) answers 503 at once; health, metrics and the API document still answer.
/// </summary>
public static class ClusterGate
{
    public static IApplicationBuilder UseClusterGate(this IApplicationBuilder app)
    {
        var connection = app.ApplicationServices.GetRequiredService<ClusterConnection>();
        return app.Use(async (context, next) =>
        {
            if (!connection.IsConnected && context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
            {
                await ProblemWriter.WriteUnavailable(context, "The service is not connected to its cluster yet.");
                return;
            }
            await next(context);
        });
    }
}

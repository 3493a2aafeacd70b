using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Qase.Webhooks.Hosting;

/// <summary>Ready when the cluster answers and has at least one active silo.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, ClusterConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Not connected to the cluster yet; the client keeps trying.");
        }
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}

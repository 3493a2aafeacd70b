using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Qase.Webhooks.Grains.Metrics;

namespace Qase.Webhooks.Hosting;

/// <summary>Exports the service's meter as Prometheus text at <c>/metrics</c>.</summary>
public static class MetricsSetup
{
    public static void AddServiceMetrics(this IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("qase-webhooks"))
            .WithMetrics(metrics => metrics
            .AddMeter(ServiceMetrics.MeterName)
            .AddPrometheusExporter());
}

using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Silo.Hosting;

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

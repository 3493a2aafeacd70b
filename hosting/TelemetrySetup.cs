using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Tracing;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// OpenTelemetry, the same in every process. Metrics, always: the service's own meter and those of the runtime,
/// ASP.NET Core, the HTTP client, Orleans and Npgsql, as Prometheus text at <c>/metrics</c>. Traces, when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>) names a collector:
/// exported over OTLP, with the other <c>OTEL_*</c> variables read as usual. Without one no span is made, so the
/// delivery path pays nothing for tracing.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "qase-webhooks";

    private static readonly string[] OtlpEndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"];

    // Meters the platform publishes by itself (.NET 9 and later): no instrumentation package is needed for them.
    private static readonly string[] PlatformMeters = ["System.Runtime", "System.Net.Http", "System.Net.NameResolution"];

    // The delivery client calls every customer's endpoint: a series per receiver host (server.address, the peer's
    // address, the DNS name looked up) would grow without bound, so those labels are dropped.
    private static readonly string[] OutgoingHttpTags =
        ["http.request.method", "http.response.status_code", "error.type", "http.connection.state", "network.protocol.version", "url.scheme"];

    public static void AddQaseTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName,
                serviceVersion: typeof(ServiceMetrics).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceMetrics.MeterName)
                .AddMeter(PlatformMeters)
                .AddMeter("Microsoft.Orleans")
                .AddView(instrument => IsOutgoingHttp(instrument)
                    ? new MetricStreamConfiguration { TagKeys = OutgoingHttpTags }
                    : null)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        if (TracingRequested(builder))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServiceTelemetry.SourceName)
                .AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.StorageActivitySourceName)
                .AddSource("System.Net.Http")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter());
        }
    }

    private static bool IsOutgoingHttp(Instrument instrument) =>
        instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution";

    private static bool TracingRequested(IHostApplicationBuilder builder) =>
        OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(builder.Configuration[key]));

    // Probes and scrapes come every few seconds and say nothing about the service's work.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The API with tracing on, as an operator turns it on (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, here a loopback
/// receiver taking OTLP over HTTP), plus the OpenTelemetry in-memory exporter so that tests can read the spans.
/// Span sources are process-wide, so the spans of other servers in the test process may show up too: tests
/// pick theirs by trace id.
/// </summary>
public sealed class TracingServer : IAsyncLifetime
{
    public const string OtlpPath = "/otlp";

    public TracingServer() : this(propagate: false) { }

    private TracingServer(bool propagate) => Propagate = propagate;

    public bool Propagate { get; }

    public ConcurrentList<Activity> Spans { get; } = new();

    public Receiver Receiver { get; private set; } = null!;

    public ApiServer Api { get; private set; } = null!;

    public static TracingServer WithPropagation() => new(propagate: true);

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = new Uri(Receiver.BaseAddress, OtlpPath).ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Delivery:RetrySchedule:0"] = "00:00:00.300",
            ["Delivery:SweepInterval"] = "00:00:01",
        };
        if (Propagate)
        {
            settings["Delivery:PropagateTraceContext"] = "true";
        }
        Api = new ApiServer(settings, services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        await Api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A W3C <c>traceparent</c> with a new trace id, sampled, for a request to start a trace of its own.</summary>
    public static (ActivityTraceId TraceId, string TraceParent) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
    }

    /// <summary>The spans of one trace exported so far.</summary>
    public List<Activity> Trace(ActivityTraceId traceId) => [.. Spans.Snapshot().Where(s => s.TraceId == traceId)];
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class TracingCollection : ICollectionFixture<TracingServer>
{
    public const string Name = "tracing";
}

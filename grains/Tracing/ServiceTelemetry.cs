using System.Diagnostics;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Metrics;

namespace Qase.Webhooks.Grains.Tracing;

/// <summary>
/// The service's spans (activity source <c>Qase.Webhooks</c>): a publish's routing and store write, and every
/// delivery attempt. An attempt handed over by the router belongs to the publish's trace; an attempt made
/// later (a retry, a delivery the sweep found, a redelivery) starts a trace of its own with a link to the
/// publish, whose context is stored with the delivery. Nothing is built when no one listens.
/// </summary>
public static class ServiceTelemetry
{
    public const string SourceName = "Qase.Webhooks";
    public const string RouteSpan = "route events";
    public const string StoreSpan = "store events";
    public const string AttemptSpan = "delivery attempt";

    private static readonly ActivitySource Source = new(SourceName, typeof(ServiceTelemetry).Assembly.GetName().Version?.ToString(3));

    public static Activity? StartRoute(string projectKey, int events)
    {
        var activity = Source.StartActivity(RouteSpan);
        activity?.SetTag("qase.project.key", projectKey);
        activity?.SetTag("qase.events", events);
        return activity;
    }

    public static Activity? StartStore(int deliveries)
    {
        var activity = Source.StartActivity(StoreSpan);
        activity?.SetTag("qase.deliveries", deliveries);
        return activity;
    }

    /// <summary>The W3C <c>traceparent</c> of the work in progress, to store with the deliveries it makes.</summary>
    public static string? CurrentContext() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts an attempt's span. <paramref name="later"/>: the attempt is not part of the publishing request, so it
    /// starts a new trace linked to <paramref name="publishContext"/>; otherwise it is a child of that context
    /// (or, without one, of the current span: a test delivery under its request).
    /// </summary>
    public static Activity? StartAttempt(string webhookKey, string deliveryId, string eventName, int attempt, string? publishContext, bool later)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var publish = ActivityContext.TryParse(publishContext, null, isRemote: true, out var parsed) ? parsed : (ActivityContext?)null;
        Activity? activity;
        if (later)
        {
            // Not a child of whatever this turn was doing (a timer, the sweep's wake-up): a trace of its own.
            Activity.Current = null;
            activity = Source.StartActivity(AttemptSpan, ActivityKind.Internal, default(ActivityContext),
                links: publish is { } link ? [new ActivityLink(link)] : null);
        }
        else
        {
            activity = Source.StartActivity(AttemptSpan, ActivityKind.Internal, publish ?? Activity.Current?.Context ?? default);
        }
        if (activity is not null)
        {
            activity.SetTag("qase.webhook.key", webhookKey);
            activity.SetTag("qase.delivery.id", deliveryId);
            activity.SetTag("qase.event.name", eventName);
            activity.SetTag("qase.delivery.attempt", attempt);
        }
        return activity;
    }

    /// <summary>Records what the attempt came to; a failed attempt is an error span with the attempt's error.</summary>
    public static void Finish(Activity? activity, SendResult result)
    {
        if (activity is null)
        {
            return;
        }
        if (result.Status is { } status)
        {
            activity.SetTag("http.response.status_code", status);
        }
        activity.SetTag("qase.delivery.outcome", ServiceMetrics.Outcome(result));
        if (!result.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
        activity.Dispose();
    }
}

using Qase.Webhooks.Contracts.Catalog;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Grains.Tracing;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// A test send: one event type's example, signed and sent at once to the webhook's endpoint, and logged like
/// any delivery. It never moves the webhook's health, so it needs no grain state beyond the endpoint.
/// </summary>
public sealed class TestDelivery(string webhookKey, string webhookId, string projectCode,
    IDeliveryStore store, WebhookSender sender, ServiceMetrics metrics, TimeProvider clock)
{
    /// <summary>Sends <paramref name="eventName"/>'s example, or the first subscribed type's when none is named.</summary>
    public async Task<DeliveryDetail> Send(string? eventName, IReadOnlyList<string> subscribed, DeliveryEndpoint endpoint)
    {
        var name = eventName ?? subscribed[0];
        var errors = new ValidationErrors();
        FieldRules.EventName(errors, "event_name", name);
        errors.ThrowIfAny();

        var type = EventCatalog.Get(name);
        var now = clock.UtcNowMs();
        var body = EventEnvelope.Build(type.Name, now.ToUnixTimeSeconds(), type.Example, null, projectCode);
        var deliveryId = ResourceId.New("dlv");
        var span = ServiceTelemetry.StartAttempt(webhookKey, deliveryId, type.Name, 1, publishContext: null, later: false);
        var result = await sender.Send(endpoint.Url, endpoint.Signer, deliveryId, type.Name, body);
        ServiceTelemetry.Finish(span, result);
        metrics.Attempted(result);
        var record = new DeliveryRecord(deliveryId, webhookId, ResourceId.New("evt"), type.Name,
            result.Succeeded ? DeliveryStatus.Succeeded : DeliveryStatus.Failed, 1, now, result.At, null,
            result.Status, result.DurationMs, result.Error);
        await store.AddFinished(webhookKey, record, body, result.ToAttempt());
        return DeliveryLog.Detail(new StoredDelivery(record, body, [result.ToAttempt()]), endpoint);
    }
}

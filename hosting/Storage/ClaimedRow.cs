namespace Qase.Webhooks.Hosting.Storage;

/// <summary>A pending delivery as a claim reads it, before its event's body is attached (shared, or read once).</summary>
internal sealed record ClaimedRow(string DeliveryId, string EventName, string EventId, int AttemptCount, string? TraceContext);

namespace Qase.Webhooks.Api.Events;

public sealed record PublishBatchRequest(IReadOnlyList<PublishEventRequest>? Events);

namespace Qase.Webhooks.Api.Events;

/// <summary>A batch as a publisher sends it, as the API describes it; <see cref="PublishBody"/> reads it.</summary>
public sealed record PublishBatchRequest(IReadOnlyList<PublishEventRequest>? Events);

using System.Text.Json;

namespace Qase.Webhooks.Api.Events;

/// <summary>
/// One event as a publisher sends it, as the API describes it; <see cref="PublishBody"/> reads it. <c>payload</c> must be
/// a JSON object and is passed through untouched.
/// </summary>
public sealed record PublishEventRequest(string? EventName, JsonElement? Payload, long? TeamMemberId, long? Timestamp, string? Id);

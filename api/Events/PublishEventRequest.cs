using System.Text.Json;
using Qase.Webhooks.Contracts.Events;

namespace Qase.Webhooks.Api.Events;

/// <summary>One event as a publisher sends it; <c>payload</c> must be a JSON object and is passed through untouched.</summary>
public sealed record PublishEventRequest(string? EventName, JsonElement? Payload, long? TeamMemberId, long? Timestamp, string? Id)
{
    public EventSubmission ToSubmission(string? idempotencyKey = null) => new(
        EventName,
        Payload is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } payload ? payload.GetRawText() : null,
        TeamMemberId,
        Timestamp,
        Id ?? idempotencyKey);
}

using Qase.Webhooks.Contracts.Projects;
namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>A webhook as callers see it. The secret is write-only: only whether one is set shows.</summary>
[GenerateSerializer, Immutable, Alias("qase.Webhook")]
public sealed record Webhook(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string Url,
    [property: Id(4)] IReadOnlyList<string> Events,
    [property: Id(5)] bool Enabled,
    [property: Id(6)] bool HasSecret,
    [property: Id(7)] DisabledReason? DisabledReason,
    [property: Id(8)] DateTimeOffset? DisabledAt,
    [property: Id(9)] DateTimeOffset? FailingSince,
    [property: Id(10)] DateTimeOffset? LastSuccessAt,
    [property: Id(11)] DateTimeOffset? LastFailureAt,
    [property: Id(12)] string? LastError,
    [property: Id(13)] string? NotifyEmail,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt);

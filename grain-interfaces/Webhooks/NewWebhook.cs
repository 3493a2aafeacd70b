namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>What a caller sends to create a webhook; the grain validates every field.</summary>
[GenerateSerializer, Immutable, Alias("qase.NewWebhook")]
public sealed record NewWebhook(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Url,
    [property: Id(2)] string? Secret,
    [property: Id(3)] IReadOnlyList<string?>? Events,
    [property: Id(4)] bool? Enabled = null,
    [property: Id(5)] string? NotifyEmail = null);

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// A partial update: a <c>null</c> field is left as it is. The secret and the notification address
/// are removed with <see cref="RemoveSecret"/> and <see cref="RemoveNotifyEmail"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("qase.WebhookPatch")]
public sealed record WebhookPatch
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public string? Url { get; init; }
    [Id(2)] public string? Secret { get; init; }
    [Id(3)] public bool RemoveSecret { get; init; }
    [Id(4)] public IReadOnlyList<string?>? Events { get; init; }
    [Id(5)] public bool? Enabled { get; init; }
    [Id(6)] public string? NotifyEmail { get; init; }
    [Id(7)] public bool RemoveNotifyEmail { get; init; }
}

namespace Qase.Webhooks.Api;

/// <summary>The shape of every list answer: <c>{"items": [...]}</c>.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);

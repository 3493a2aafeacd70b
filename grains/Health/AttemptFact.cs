namespace Qase.Webhooks.Grains.Health;

/// <summary>
/// What one delivery attempt tells the webhook about its endpoint's health: the delivery engine reports this,
/// not the whole send, so the health rules see only what they decide on.
/// </summary>
/// <param name="TimedOut">No status line arrived within <c>Delivery:Timeout</c>.</param>
/// <param name="Error">Why it failed, already cut to what the service stores; <c>null</c> on success.</param>
public readonly record struct AttemptFact(DateTimeOffset At, bool Succeeded, bool TimedOut, int? Status, string? Error);

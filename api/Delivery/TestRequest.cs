namespace Qase.Webhooks.Api.Delivery;

/// <summary>The body of <c>POST .../test</c>; without it the webhook's first event type is used.</summary>
public sealed record TestRequest(string? EventName);

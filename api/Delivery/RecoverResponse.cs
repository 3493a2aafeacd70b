namespace Qase.Webhooks.Api.Delivery;

public sealed record RecoverResponse(int Count);

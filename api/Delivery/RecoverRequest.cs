namespace Qase.Webhooks.Api.Delivery;

public sealed record RecoverRequest(DateTimeOffset? Since);

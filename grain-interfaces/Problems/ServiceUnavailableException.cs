namespace Qase.Webhooks.Contracts.Problems;

/// <summary>
/// A dependency of the service is down for now (the database does not answer): the call did not finish, and
/// can be made again shortly (publishing under the same idempotency keys delivers nothing twice). REST answers
/// it 503 with <c>Retry-After</c>.
/// </summary>
[GenerateSerializer, Alias("qase.ServiceUnavailableException")]
public sealed class ServiceUnavailableException(string message) : Exception(message);

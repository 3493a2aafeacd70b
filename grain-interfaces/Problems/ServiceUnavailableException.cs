namespace Qase.Webhooks.Contracts.Problems;

/// <summary>
/// A dependency of the service is down for now (the database does not answer); nothing of the call was
/// accepted, and the same call can be made again shortly. REST answers it 503 with <c>Retry-After</c>.
/// </summary>
[GenerateSerializer, Alias("qase.ServiceUnavailableException")]
public sealed class ServiceUnavailableException(string message) : Exception(message);

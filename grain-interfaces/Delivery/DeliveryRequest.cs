namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>What was sent: the URL, the headers (secret and signature redacted) and the body.</summary>
[GenerateSerializer, Immutable, Alias("qase.DeliveryRequest")]
public sealed record DeliveryRequest(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(2)] string Body);

namespace Qase.Webhooks.Contracts.Delivery;

/// <summary>What was sent: the URL, the headers (secret and signature redacted) and the body.</summary>
/// <param name="Url">Where the last attempt went; before any attempt, the webhook's current URL.</param>
/// <param name="Headers">
/// Header name to value, as of the last attempt: <c>Content-Type</c>, <c>User-Agent</c>, <c>X-Qase-Event</c>,
/// <c>X-Qase-Delivery</c>, <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds), and, when the webhook has a
/// secret, <c>X-Qase-Secret</c> and <c>webhook-signature</c> with the value <c>[redacted]</c>.
/// </param>
/// <param name="Body">
/// The JSON envelope as sent: <c>event_name</c>, <c>timestamp</c> (Unix seconds), <c>payload</c>,
/// <c>team_member_id</c> and <c>project_code</c>.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.DeliveryRequest")]
public sealed record DeliveryRequest(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(2)] string Body);

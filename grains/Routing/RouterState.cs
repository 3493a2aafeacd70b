using Qase.Webhooks.Contracts.Webhooks;
namespace Qase.Webhooks.Grains.Routing;

[GenerateSerializer, Alias("qase.RouterState")]
public sealed class RouterState
{
    /// <summary>Webhook id to its route.</summary>
    [Id(0)] public Dictionary<string, WebhookRoute> Routes { get; set; } = [];
}

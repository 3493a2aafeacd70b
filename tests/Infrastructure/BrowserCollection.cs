namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The browser tests share one service (with a receiver on loopback); each class has its own browser.</summary>
[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class BrowserCollection : ICollectionFixture<DeliveryServer>
{
    public const string Name = "browser";
}

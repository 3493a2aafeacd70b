namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>The API with <c>Events:ValidatePayloads=true</c>, plus a receiver on loopback for the webhooks to call.</summary>
public sealed class ValidatingDeliveryServer : IAsyncLifetime
{
    public ApiServer Api { get; } = new(new Dictionary<string, string?> { ["Events:ValidatePayloads"] = "true" });

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.Start();
        await Api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Api.DisposeAsync();
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Contracts.Delivery;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Metrics;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>A test send, without a grain: a real send to a loopback receiver, logged like any delivery.</summary>
public sealed class TestDeliveryTests : IAsyncLifetime
{
    private const string Key = "ws/PRJ/wh_1";
    private readonly InMemoryDeliveryStore _store = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly WebhookSender _sender = new(Options.Create(new DeliveryOptions { AllowPrivateNetworks = true }), TimeProvider.System);
    private Receiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await Receiver.Start();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _sender.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_test_send_posts_the_first_subscribed_type_s_example_signed_and_logs_it()
    {
        var url = _receiver.Url("/hook");
        var endpoint = new DeliveryEndpoint(url, WebhookSigner.For("s3cret-s3cret", null, null, null, null));

        var detail = await Tests().Send(null, ["run.completed", "case.created"], endpoint);

        var received = Assert.Single(_receiver.At("/hook"));
        Assert.Equal("run.completed", received.Header("X-Qase-Event"));
        Assert.Equal("s3cret-s3cret", received.Header("X-Qase-Secret"));
        Assert.Contains("\"PRJ\"", received.Text, StringComparison.Ordinal);
        Assert.Equal((DeliveryStatus.Succeeded, 1, (int?)200), (detail.Delivery.Status, detail.Delivery.AttemptCount, detail.Delivery.ResponseStatus));
        Assert.Equal(WebhookSender.Redacted, detail.Request.Headers["X-Qase-Secret"]);

        var logged = await _store.Get(Key, detail.Delivery.Id);
        Assert.Equal(received.Body, logged!.Body);
        Assert.Single(logged.Attempts);
    }

    [Fact]
    public async Task A_failing_endpoint_is_logged_as_a_failed_delivery()
    {
        var url = _receiver.Url("/down", new Reply(503));

        var detail = await Tests().Send("case.created", ["run.completed"], new DeliveryEndpoint(url, WebhookSigner.Unsigned));

        Assert.Equal((DeliveryStatus.Failed, (int?)503), (detail.Delivery.Status, detail.Delivery.ResponseStatus));
        Assert.Equal(DeliveryStatus.Failed, (await _store.Get(Key, detail.Delivery.Id))!.Record.Status);
    }

    [Fact]
    public async Task An_unknown_event_type_names_event_name_and_sends_nothing()
    {
        var url = _receiver.Url("/unused");

        var rejected = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            Tests().Send("run.exploded", ["run.completed"], new DeliveryEndpoint(url, WebhookSigner.Unsigned)));

        Assert.Equal(["event_name"], rejected.Errors!.Keys);
        Assert.Empty(_receiver.At("/unused"));
    }

    private TestDelivery Tests() => new(Key, "wh_1", "PRJ", _store, _sender,
        new ServiceMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System);
}

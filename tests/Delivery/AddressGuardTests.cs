using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Delivery;

/// <summary>The API as it runs in production: deliveries to private networks refused.</summary>
[Trait("Category", "Slow")]
public sealed class AddressGuardTests : IAsyncLifetime
{
    private readonly ApiServer _api = new(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "false" });
    private Receiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("https://[::ffff:192.168.1.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://203.0.113.5/hook")]
    [InlineData("http://[2001::a9fe:a9fe]/hook")]
    public async Task A_literal_private_address_is_refused_at_creation(string url)
    {
        var (_, client) = await _api.CreateProject("PRIV");

        var problem = await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/PRIV/webhooks",
            new { title = "Internal", url, events = new[] { "case.created" } }), "url");
        var error = problem.GetProperty("errors").GetProperty("url")[0].GetString();
        Assert.Contains("address", error);
        Assert.Contains("Delivery:AllowPrivateNetworks=true", error);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        var (_, client) = await _api.CreateProject("NAME");
        var path = "/hook/by-name";
        var url = $"http://localhost:{_receiver.BaseAddress.Port}{path}";
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/NAME/webhooks",
            new { title = "By name", url, events = new[] { "case.created" } }), HttpStatusCode.Created);
        var webhookId = created.GetProperty("id").GetString();

        var test = await HttpAssert.Json(await client.PostAsync($"/v1/projects/NAME/webhooks/{webhookId}/test", null));

        Assert.Equal("failed", test.GetProperty("status").GetString());
        var error = test.GetProperty("error").GetString()!;
        Assert.Contains("refused address", error);
        Assert.Contains("localhost", error);
        // The setting that allows it is named, and the addresses the name resolved to are not: the error
        // must not tell a tenant what an internal name resolves to.
        Assert.Contains("Delivery:AllowPrivateNetworks=true", error);
        Assert.DoesNotContain("127.0.0.1", error);
        Assert.DoesNotContain("::1", error);
        Assert.Empty(_receiver.At(path));
    }
}

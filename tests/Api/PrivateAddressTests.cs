using System.Net;
using System.Net.Http.Json;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>
/// With <c>Delivery:AllowPrivateNetworks=false</c> (the default outside tests) a URL whose host is a
/// literal refused address is refused at creation; this class starts its own server for that.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PrivateAddressTests
{
    [Fact]
    public async Task Literal_private_addresses_are_refused_when_private_networks_are_not_allowed()
    {
        var server = new ApiServer(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "false" });
        await server.InitializeAsync();
        try
        {
            var (_, client) = await server.CreateProject("DEMO");
            foreach (var url in new[]
            {
                "http://127.0.0.1/hook", "http://127.0.0.1:8080/hook", "https://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data",
                "http://172.16.0.1/", "http://192.168.1.10/", "http://0.0.0.0/", "http://[::1]/hook", "http://[fe80::1]/hook",
                "http://[fd00::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[64:ff9b::a9fe:a9fe]/hook", "http://[2002:c0a8:101::]/hook",
            })
            {
                var problem = await HttpAssert.Invalid(await client.PostAsJsonAsync("/v1/projects/DEMO/webhooks",
                    new { title = "CI", url, events = new[] { "run.completed" } }), "url");
                Assert.Contains("address", problem.GetProperty("errors").GetProperty("url")[0].GetString());
            }
            Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await client.GetAsync("/v1/projects/DEMO/webhooks"))));

            // A public literal and a host name are accepted: names are checked when connecting.
            var created = await ApiServer.CreateWebhook(client, body: new { title = "CI", url = "https://93.184.216.34/hook", events = new[] { "run.completed" } });
            await ApiServer.CreateWebhook(client, body: new { title = "CI", url = "https://localhost/hook", events = new[] { "run.completed" } });

            var path = $"/v1/projects/DEMO/webhooks/{JsonAssert.String(created, "id")}";
            await HttpAssert.Invalid(await client.PatchAsJsonAsync(path, new { url = "http://192.168.0.1/hook" }), "url");
            Assert.Equal("https://93.184.216.34/hook", JsonAssert.String(await HttpAssert.Json(await client.GetAsync(path)), "url"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

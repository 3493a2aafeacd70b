using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Grains.Webhooks;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>
/// An Ed25519 webhook's private keys, read here from grain storage, appear in no answer, no delivery log, no dashboard
/// page and no log line, through creation, deliveries (a failed attempt is logged) and a rotation.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PrivateKeyExposureTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private Receiver _receiver = null!;
    private ApiServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.Start();
        _server = new ApiServer(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Delivery:RetrySchedule:0"] = "00:00:00.200",
        }, services => services.AddSingleton<ILoggerProvider>(_logs));
        await _server.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task No_answer_log_line_dashboard_page_or_delivery_log_holds_a_private_key()
    {
        var (workspaceId, client) = await _server.CreateProject("PKX");
        var path = DeliveryServer.NewPath();
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/v1/projects/PKX/webhooks", new
        {
            title = "Signed", url = _receiver.Url(path, new Reply(500), Reply.Ok), events = new[] { "case.created" },
            secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", signature_scheme = "ed25519",
        }), HttpStatusCode.Created);
        var id = JsonAssert.String(created, "id");
        var hook = $"/v1/projects/PKX/webhooks/{id}";
        var answers = new List<string> { created.GetRawText() };

        await DeliveryServer.Publish(client, "case.created", new { id = 1 }, code: "PKX");
        var delivered = await _receiver.WaitFor(path, 2);
        answers.Add(await (await client.PostAsJsonAsync($"{hook}/rotate-secret", new { overlap = "PT1H" })).Content.ReadAsStringAsync());
        answers.Add(await (await client.PostAsJsonAsync($"{hook}/test", new { event_name = "case.created" })).Content.ReadAsStringAsync());
        answers.Add(await client.GetStringAsync(hook));
        answers.Add(await client.GetStringAsync("/v1/projects/PKX/webhooks"));
        answers.Add(await client.GetStringAsync($"{hook}/deliveries"));
        answers.Add(await client.GetStringAsync($"{hook}/deliveries/{delivered[0].Header("webhook-id")}"));
        using var admin = _server.Client();
        var key = GrainKeys.Webhook(workspaceId, "PKX", id);
        var dashboard = await admin.GetAsync($"/dashboard/GrainState?grainId={Uri.EscapeDataString(key)}&grainType={typeof(WebhookGrain).FullName}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        answers.Add(await dashboard.Content.ReadAsStringAsync());

        var state = await ReadState(key);
        Assert.NotNull(state.SigningKey);
        Assert.NotNull(state.PreviousSigningKey);
        string[] privateKeys = [Convert.ToBase64String(state.SigningKey), Convert.ToBase64String(state.PreviousSigningKey)];
        Assert.NotEmpty(_logs.Lines);
        Assert.All(answers.Concat(_logs.Lines), text =>
        {
            Assert.DoesNotContain("whsk_", text);
            Assert.All(privateKeys, privateKey => Assert.DoesNotContain(privateKey, text));
        });
    }

    private async Task<WebhookState> ReadState(string key)
    {
        var grainId = _server.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookGrain>(key).GetGrainId();
        var storage = _server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<WebhookState>();
        await storage.ReadStateAsync("webhook", grainId, state);
        return state.State ?? throw new InvalidOperationException($"no state for {key}");
    }
}

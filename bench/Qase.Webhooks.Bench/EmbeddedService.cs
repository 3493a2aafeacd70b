using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Api;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The API process in the embedded mode (co-hosted silo, in-memory store), started in this process as
/// <c>dotnet run --project api</c> would, with one webhook of project BENCH pointing at the receiver.
/// Everything goes through the REST API, as a publisher's would.
/// </summary>
public sealed class EmbeddedService : IAsyncDisposable
{
    public const string Path = "/service";

    private const string AdminToken = "bench-admin-token";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly WebApplication _app;
    private readonly CountingReceiver _receiver;
    private readonly InFlightProbe _probe;
    private HttpClient _client = null!;

    private EmbeddedService(WebApplication app, CountingReceiver receiver, InFlightProbe probe)
    {
        _app = app;
        _receiver = receiver;
        _probe = probe;
    }

    public static async Task<EmbeddedService> Start(CountingReceiver receiver, InFlightProbe probe, int concurrency, IReadOnlyList<string> settings)
    {
        var app = QaseApiApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Auth:AdminToken={AdminToken}",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Delivery:AllowPrivateNetworks=true",
            $"--Delivery:MaxConcurrencyPerWebhook={concurrency}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await app.StartAsync();
        var service = new EmbeddedService(app, receiver, probe);
        await service.CreateWebhook();
        return service;
    }

    /// <summary>The service's delivery sender, for measuring it without the grains.</summary>
    public WebhookSender Sender => _app.Services.GetRequiredService<WebhookSender>();

    /// <summary>Publishes the batches, <paramref name="inFlight"/> requests at a time, until the receiver has every delivery.</summary>
    public async Task<RunResult> Run(IReadOnlyList<byte[]> batches, int events, int inFlight, int round)
    {
        var counter = _receiver.Counter(Path);
        var reached = counter.WhenReached(counter.Count + events, TimeSpan.FromMinutes(2));
        var next = -1;
        var measurement = Measurement.Start(_probe);
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                using var content = new ByteArrayContent(batches[i]);
                content.Headers.ContentType = Json;
                using var response = await _client.PostAsync($"/v1/projects/{BenchEvents.ProjectCode}/events/batch", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"Publishing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var published = measurement.Elapsed;
        await reached;
        return measurement.Stop("service", round, events, published);
    }

    private async Task CreateWebhook()
    {
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var admin = new HttpClient { BaseAddress = new Uri(address) };
        admin.DefaultRequestHeaders.Add("Token", AdminToken);
        var workspace = await Answer(await admin.PostAsJsonAsync("/v1/workspaces",
            new { name = "Bench", plan = "startup", owner_email = "bench@example.com" }));

        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        _client.DefaultRequestHeaders.Add("Token", workspace.GetProperty("token").GetString());
        await Answer(await _client.PostAsJsonAsync("/v1/projects", new { code = BenchEvents.ProjectCode, title = "Benchmark" }));
        await Answer(await _client.PostAsJsonAsync($"/v1/projects/{BenchEvents.ProjectCode}/webhooks",
            new { title = "Bench receiver", url = _receiver.Url(Path).ToString(), events = new[] { BenchEvents.EventName } }));
    }

    private static async Task<JsonElement> Answer(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

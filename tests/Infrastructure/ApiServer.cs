using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Api;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// The real API process, in the embedded mode, on a free loopback port: Kestrel, a co-hosted silo
/// and every route, exactly as <c>dotnet run --project api</c> starts it.
/// </summary>
public sealed class ApiServer : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private WebApplication? _app;

    public ApiServer() : this(new Dictionary<string, string?>()) { }

    /// <summary>A server with extra configuration; start it with <see cref="InitializeAsync"/>.</summary>
    internal ApiServer(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        _settings = new Dictionary<string, string?>
        {
            ["Auth:AdminToken"] = AdminToken,
            // Needed in PostgreSQL mode, harmless in the embedded one.
            ["Secrets:Key"] = TestSecrets.Key,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Microsoft"] = "Error",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public static JsonSerializerOptions Json { get; } = CreateJson();

    public async ValueTask InitializeAsync()
    {
        var args = _settings.Select(s => $"--{s.Key}={s.Value}").Append("--urls=http://127.0.0.1:0").ToArray();
        _app = QaseApiApp.Build(args, _configureServices);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A client that sends <paramref name="token"/> in the <c>Token</c> header (none when null).</summary>
    public HttpClient Client(string? token = AdminToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("Token", token);
        }
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Creates a workspace through the API and returns its id and a client holding its token.</summary>
    public async Task<(string Id, HttpClient Client)> CreateWorkspace(string plan = "startup", string owner = "owner@example.com")
    {
        using var admin = Client();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name = "Acme " + Guid.NewGuid().ToString("N")[..6], plan, owner_email = owner });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, Client(body.GetProperty("token").GetString()));
    }

    /// <summary>A workspace with one project <paramref name="code"/>.</summary>
    public async Task<(string WorkspaceId, HttpClient Client)> CreateProject(string code = "DEMO", string plan = "startup")
    {
        var (id, client) = await CreateWorkspace(plan);
        var response = await client.PostAsJsonAsync("/v1/projects", new { code, title = "Demo project" });
        response.EnsureSuccessStatusCode();
        return (id, client);
    }

    /// <summary>A webhook body that passes every check.</summary>
    public static object ValidWebhook(string[]? events = null, string? secret = null) => new
    {
        title = "CI", url = "https://ci.example.com/qase", secret, events = events ?? ["run.completed"],
    };

    /// <summary>Creates a webhook of project <paramref name="code"/> and returns the answer.</summary>
    public static async Task<JsonElement> CreateWebhook(HttpClient client, string code = "DEMO", object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/v1/projects/{code}/webhooks", body ?? ValidWebhook());
        return await HttpAssert.Json(response, System.Net.HttpStatusCode.Created);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        QaseApiApp.ConfigureJson(options);
        return options;
    }
}

[CollectionDefinition(Name), Trait("Category", "Slow")]
public sealed class ApiCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "api";
}

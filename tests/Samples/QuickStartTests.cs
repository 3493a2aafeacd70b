using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Samples;

/// <summary>The README's quick start, as a newcomer runs it: the built service, the sample receiver and <c>samples/quickstart.sh</c>.</summary>
[Trait("Category", "Slow")]
public sealed partial class QuickStartTests : IAsyncLifetime
{
    private const string Admin = "quick-start-admin-token";

    private ServiceProcess _api = null!;
    private ServiceProcess _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _api = ServiceProcess.Start("api", "api", new Dictionary<string, string?>
        {
            ["Auth:AdminToken"] = Admin,
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        _receiver = ServiceProcess.Start("receiver", "receiver", new Dictionary<string, string?>());
        await _api.WaitUntilReady(TimeSpan.FromSeconds(60));
        await _receiver.WaitForOutput("Now listening on", TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task The_quick_start_script_ends_with_the_event_printed_as_verified_by_the_sample_receiver()
    {
        var (exitCode, output) = await RunQuickStart();

        Assert.True(exitCode == 0, $"quickstart.sh exited with {exitCode}:\n{output}\napi:\n{_api.Output}");
        var delivery = Delivery().Match(output);
        Assert.True(delivery.Success, $"no delivery in:\n{output}");
        await _receiver.WaitForOutput($"verified run.completed {delivery.Groups[1].Value}: {{\"event_name\":\"run.completed\"", TimeSpan.FromSeconds(10));

        // The receiver drops a repeat: the same delivery sent again carries the same webhook-id.
        var token = Field(output, "token");
        var webhook = Field(output, "webhook");
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        http.DefaultRequestHeaders.Add("Token", token);
        var redeliver = await http.PostAsync($"/v1/projects/DEMO/webhooks/{webhook}/deliveries/{delivery.Groups[1].Value}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await _receiver.WaitForOutput($"dropped {delivery.Groups[1].Value}: a repeat", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_sample_receiver_refuses_a_delivery_it_cannot_verify()
    {
        using var http = new HttpClient { BaseAddress = _receiver.BaseAddress };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/qase") { Content = JsonContent.Create(new { event_name = "run.completed" }) };
        forged.Headers.Add("webhook-id", "dlv_forged");
        forged.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        forged.Headers.Add("webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl");
        forged.Headers.Add("X-Qase-Secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var response = await http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _receiver.WaitForOutput("refused dlv_forged", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("verified", _receiver.Output);
    }

    private async Task<(int ExitCode, string Output)> RunQuickStart()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "samples", "quickstart.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        info.Environment["API"] = _api.BaseAddress.ToString().TrimEnd('/');
        info.Environment["ADMIN_TOKEN"] = Admin;
        info.Environment["RECEIVER_URL"] = new Uri(_receiver.BaseAddress, "/qase").ToString();
        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await script.WaitForExitAsync(timeout.Token);
        return (script.ExitCode, await stdout + await stderr);
    }

    private static string Field(string output, string name) =>
        Regex.Match(output, $@"^{name}: (\S+)", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no \"{name}:\" line in:\n{output}");

    [GeneratedRegex(@"^delivery: (dlv_\S+) succeeded", RegexOptions.Multiline)]
    private static partial Regex Delivery();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>What a newcomer reads when <c>dotnet run --project api</c> has started.</summary>
[Trait("Category", "Slow")]
public sealed partial class StartupOutputTests(FirstStartProcess api) : IClassFixture<FirstStartProcess>
{
    [Fact]
    public async Task The_start_ends_with_a_banner_of_the_pages_the_admin_token_durability_and_private_targets()
    {
        var output = api.Process.Output;
        var url = $"http://127.0.0.1:{api.Process.BaseAddress.Port}";
        var banner = output.IndexOf($"Qase webhooks is running at {url}", StringComparison.Ordinal);
        Assert.True(banner >= 0, $"no banner naming {url}:\n{output}");
        Assert.True(banner > output.LastIndexOf("Now listening on", StringComparison.Ordinal), $"the banner comes before the server's own lines:\n{output}");
        var text = output[banner..];

        Assert.Contains($"{url}/docs", text);
        Assert.Contains($"{url}/dashboard", text);
        Assert.Contains("Nothing is durable", text);
        Assert.Contains("ConnectionStrings:Postgres", text);
        Assert.Contains("Delivery:AllowPrivateNetworks=true", text);
        Assert.Contains("Auth:AdminToken", text);

        // The web page at "/" is listed when the API serves one, and only then.
        using var anonymous = new HttpClient { BaseAddress = api.Process.BaseAddress };
        if ((await anonymous.GetAsync("/")).IsSuccessStatusCode)
        {
            Assert.Contains($"{url}/ ", text);
        }
        else
        {
            Assert.DoesNotContain($"{url}/ ", text);
        }

        // The token printed is the one that works.
        var token = AdminToken().Match(text);
        Assert.True(token.Success, $"no admin token in the banner:\n{text}");
        using var http = new HttpClient { BaseAddress = api.Process.BaseAddress };
        http.DefaultRequestHeaders.Add("Token", token.Value);
        var created = await http.PostAsJsonAsync("/v1/workspaces", new { name = "Acme", plan = "startup", owner_email = "owner@acme.test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public void Nothing_but_the_durability_notice_is_a_warning_at_start()
    {
        var lines = api.Process.Output.Split('\n');
        var warnings = lines
            .Select((line, i) => (line, message: i + 1 < lines.Length ? lines[i + 1].Trim() : ""))
            .Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal)
                || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .Where(l => !l.line.Contains(Notice, StringComparison.Ordinal))
            .Select(l => $"{l.line.Trim()} {l.message}")
            .ToList();

        Assert.True(warnings.Count == 0, "warnings at start:\n" + string.Join("\n", warnings));
        Assert.Contains(lines, l => l.Contains(Notice, StringComparison.Ordinal));
    }

    private static readonly string Notice = typeof(EmbeddedModeNotice).FullName!;

    [GeneratedRegex(@"qase_admin_[A-Za-z0-9_\-]+")]
    private static partial Regex AdminToken();
}

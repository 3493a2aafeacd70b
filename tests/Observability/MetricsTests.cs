using System.Text.Json;
using System.Text.RegularExpressions;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Observability;

/// <summary>
/// What an operator's Prometheus and Grafana rely on: every metric the README names and every metric the
/// Grafana dashboard queries is exported by a running service (PostgreSQL mode, so the database's meters too).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class MetricsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Every_metric_of_the_readme_and_the_dashboard_is_exported_after_a_delivery()
    {
        var fromReadme = ReadmeMetricNames();
        var fromDashboard = DashboardMetricNames();
        Assert.True(fromReadme.Count >= 10, $"the README's Operating it section names {fromReadme.Count} metrics");
        Assert.True(fromDashboard.Count >= 10, $"the dashboard queries {fromDashboard.Count} metrics");

        await using var receiver = await Receiver.Start();
        var api = new ApiServer(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabase(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
        await api.InitializeAsync();
        try
        {
            var (_, client) = await api.CreateProject("MET");
            var ok = DeliveryServer.NewPath();
            var gone = DeliveryServer.NewPath();
            await DeliveryServer.CreateWebhook(client, receiver.Url(ok), ["run.completed"], code: "MET");
            await DeliveryServer.CreateWebhook(client, receiver.Url(gone, new Reply(410)), ["run.completed"], code: "MET");

            await DeliveryServer.Publish(client, "run.completed", new { id = 1 }, code: "MET");
            await receiver.WaitFor(ok, 1);
            await receiver.WaitFor(gone, 1);

            using var anonymous = api.Client(token: null);
            var names = fromReadme.Concat(fromDashboard).Distinct().Order(StringComparer.Ordinal).ToList();
            var missing = names;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (missing.Count > 0 && DateTime.UtcNow < deadline)
            {
                var text = await anonymous.GetStringAsync("/metrics");
                missing = [.. names.Where(name => !Exported(text, name))];
                await Task.Delay(missing.Count > 0 ? 250 : 0);
            }
            Assert.True(missing.Count == 0, $"metrics missing from /metrics: {string.Join(", ", missing)}");

            // The delivery client's series do not multiply with the receivers' hosts.
            var outgoing = (await anonymous.GetStringAsync("/metrics")).Split('\n')
                .Where(line => line.StartsWith("http_client_", StringComparison.Ordinal) || line.StartsWith("dns_lookup_", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(outgoing);
            Assert.DoesNotContain(outgoing, line => line.Contains("server_address=", StringComparison.Ordinal)
                || line.Contains("network_peer_address=", StringComparison.Ordinal) || line.Contains("dns_question_name=", StringComparison.Ordinal));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    // Series Prometheus makes itself for every target: no service exports them.
    private static readonly HashSet<string> PrometheusOwn = ["up"];

    /// <summary>A family (its <c># TYPE</c> line) or a series (a sample line, e.g. a histogram's <c>_bucket</c>) of the text.</summary>
    private static bool Exported(string text, string name) =>
        PrometheusOwn.Contains(name)
        || text.Split('\n').Any(line => line.StartsWith(name + "{", StringComparison.Ordinal)
            || line.StartsWith(name + " ", StringComparison.Ordinal)
            || line.StartsWith($"# TYPE {name} ", StringComparison.Ordinal));

    private static List<string> ReadmeMetricNames()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("\n## Operating it", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has an Operating it section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. ReadmeMetric().Matches(section).Select(m => m.Groups[1].Value).Distinct()];
    }

    private static List<string> DashboardMetricNames()
    {
        var folder = Path.Combine(RepositoryRoot(), "docker", "grafana", "dashboards");
        var names = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var expr in Expressions(dashboard.RootElement))
            {
                names.AddRange(PromQl.MetricNames(expr));
            }
        }
        return [.. names.Distinct()];
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                foreach (var inner in Expressions(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().SelectMany(Expressions))
            {
                yield return item;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Qase.Orleans.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root");
    }

    [GeneratedRegex("`([a-z][a-z0-9]*_[a-z0-9_]*)(?:\\{[^`]*\\})?`")]
    private static partial Regex ReadmeMetric();
}

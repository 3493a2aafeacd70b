using System.Globalization;

namespace Qase.Webhooks.Bench;

/// <summary>
/// <c>&lt;scenario&gt; [--postgres] [--events N] [--webhooks N] [--rounds R] [--seconds S] [--rate R] [--mb M]
/// [--concurrency C] [--Section:Key=value ...]</c>; a <c>--Section:Key=value</c> goes to the service as configuration.
/// </summary>
public sealed record BenchOptions(string Scenario, bool Postgres, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> ServiceSettings)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        var postgres = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--postgres")
            {
                postgres = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':') && args[i].Contains('='))
            {
                settings.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        return new BenchOptions(args.Length > 0 ? args[0] : "", postgres, values, settings);
    }

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string Mode => Postgres ? "PostgreSQL" : "embedded";
}

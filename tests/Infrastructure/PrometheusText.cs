using System.Globalization;

namespace Qase.Webhooks.Tests.Infrastructure;

public static class PrometheusText
{
    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (all when null).</summary>
    public static double Value(string text, string metric, string? label = null) =>
        text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

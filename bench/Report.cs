using System.Globalization;

namespace Qase.Webhooks.Bench;

/// <summary>Prints a scenario's lines and keeps them in <c>bench/results/{scenario}.txt</c>.</summary>
public sealed class Report(string scenario)
{
    private readonly List<string> _lines = [];

    public void Line(FormattableString line)
    {
        var text = line.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine(text);
        _lines.Add(text);
    }

    public void Ratio(string what, double measured, double baseline, string unit) =>
        Line($"{what}: {measured:0.##} {unit} / baseline {baseline:0.##} {unit} = {measured / baseline:0.00}");

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public void Save()
    {
        var file = Path.Combine(Paths.Results, $"{scenario}.txt");
        File.WriteAllLines(file, [$"# {scenario} {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores", .. _lines]);
        Console.WriteLine($"written to {file}");
    }
}

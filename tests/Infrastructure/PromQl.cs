using System.Text.RegularExpressions;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>Reads the metric names out of a PromQL expression, as a dashboard's queries use them.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"];

    /// <summary>Identifiers that are not functions, aggregations, keywords, labels or dashboard variables.</summary>
    public static List<string> MetricNames(string expr)
    {
        var s = QuotedString().Replace(expr, "\"\"");
        s = LabelMatchers().Replace(s, "");
        s = RangeOrSubquery().Replace(s, "");
        s = GroupingLabels().Replace(s, "");
        s = DashboardVariable().Replace(s, "");
        return [.. Identifier().Matches(s)
            .Where(m => !m.Groups[2].Success && !Keywords.Contains(m.Groups[1].Value))
            .Select(m => m.Groups[1].Value)
            .Distinct()];
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingLabels();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex DashboardVariable();

    // A name followed by "(" is a function or an aggregation.
    [GeneratedRegex(@"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?")]
    private static partial Regex Identifier();
}

namespace Qase.Webhooks.Bench;

/// <summary>A receiver's counts for one tag; times in milliseconds.</summary>
public sealed record StatsView(long Count, long Duplicates, double P50Ms, double P99Ms, double MaxMs);

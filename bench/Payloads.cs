using System.Diagnostics;
using System.Text;

namespace Qase.Webhooks.Bench;

/// <summary>
/// What the load generator sends. Every payload carries <c>"sent"</c>, the wall-clock microsecond it was
/// handed to the service (or, for a baseline, to the receiver), so the receiver can time publish → receipt.
/// </summary>
public static class Payloads
{
    public const string EventName = "run.completed";

    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static string Payload(int i, int padBytes = 0) =>
        $$"""{"sent":{{NowMicros()}},"id":{{i}},"title":"Nightly regression","cases":148,"passed":141,"failed":5,"blocked":2,"duration":5210{{Pad(padBytes)}}}""";

    public static byte[] Event(int i) => Encoding.UTF8.GetBytes($$"""{"event_name":"{{EventName}}","payload":{{Payload(i)}}}""");

    public static byte[] Batch(int first, int count, int padBytes = 0)
    {
        var events = Enumerable.Range(first, count).Select(i => $$"""{"event_name":"{{EventName}}","payload":{{Payload(i, padBytes)}}}""");
        return Encoding.UTF8.GetBytes($$"""{"events":[{{string.Join(',', events)}}]}""");
    }

    /// <summary>What the baseline posts: the envelope the service would deliver, with the same payload.</summary>
    public static byte[] Envelope(int i) =>
        Encoding.UTF8.GetBytes($$"""{"event_name":"{{EventName}}","timestamp":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"payload":{{Payload(i)}},"team_member_id":null,"project_code":"BENCH"}""");

    private static string Pad(int bytes) => bytes <= 0 ? "" : $",\"pad\":\"{new string('x', bytes)}\"";

    /// <summary>The CPU time this process has used, for the baseline's CPU per request.</summary>
    public static TimeSpan OwnCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

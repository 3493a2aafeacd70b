using System.Diagnostics;

namespace Qase.Webhooks.Hosting;

/// <summary>
/// The clock of Orleans' membership and watchdog loops: real time, with timestamps counted from the first
/// time the clock is read (the silo's start) instead of from the machine's boot. Orleans' watchdog starts its
/// stall-checking thread before it stamps its first participant check, so that thread's first look may read
/// the stamp while it is still 0; with boot-based timestamps it then warns that the check "has not completed"
/// for as long as the machine has been up. Counted from the start, the same read is a few milliseconds.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private long _origin;

    public override long GetTimestamp()
    {
        var now = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _origin) == 0)
        {
            // One tick before the first reading, so that no timestamp is ever 0.
            Interlocked.CompareExchange(ref _origin, now - 1, 0);
        }
        return now - _origin;
    }
}

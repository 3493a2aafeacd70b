namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// A one-shot grain timer that only moves earlier: asking for a later time while one is set keeps the earlier,
/// so many callers asking "by then" cost one timer. Interleaved, like the reentrant grain that owns it.
/// </summary>
public sealed class EarliestTimer(IGrainBase grain, TimeProvider clock, Func<Task> fire)
{
    private IGrainTimer? _timer;
    private DateTimeOffset? _at;

    public void At(DateTimeOffset at)
    {
        if (_timer is not null && _at <= at)
        {
            return;
        }
        _timer?.Dispose();
        _at = at;
        var due = at - clock.GetUtcNow();
        _timer = grain.RegisterGrainTimer(_ =>
        {
            _timer?.Dispose();
            _timer = null;
            _at = null;
            return fire();
        }, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan) { Interleave = true });
    }
}

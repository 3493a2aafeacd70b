namespace Qase.Webhooks.Grains.Clock;

public static class TimeProviderExtensions
{
    /// <summary>Now, cut to whole milliseconds: the precision timestamps have on the wire and in storage.</summary>
    public static DateTimeOffset UtcNowMs(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}

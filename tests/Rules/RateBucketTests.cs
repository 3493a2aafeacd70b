using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

public sealed class RateBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_limit_never_waits()
    {
        var bucket = new RateBucket();
        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.True(bucket.TryTake(null, T0)));
    }

    [Fact]
    public void A_backlog_starts_a_tenth_of_a_second_at_once_then_one_every_interval()
    {
        var bucket = new RateBucket();

        Assert.Equal(5, Enumerable.Range(0, 100).Count(_ => bucket.TryTake(50, T0)));
        Assert.Equal(T0.AddMilliseconds(20), bucket.NextAt(50, T0));
        Assert.False(bucket.TryTake(50, T0.AddMilliseconds(19)));
        Assert.True(bucket.TryTake(50, T0.AddMilliseconds(20)));
        Assert.False(bucket.TryTake(50, T0.AddMilliseconds(20)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(10_000)]
    public void Under_a_backlog_no_second_starts_more_than_the_limit_and_its_burst_and_the_mean_is_the_limit(int limit)
    {
        var bucket = new RateBucket();
        var starts = new List<DateTimeOffset>();
        var now = T0;
        // A pump that takes what it may whenever it runs, and once a second runs 50 ms late.
        var lateAt = T0;
        while (now < T0.AddSeconds(20))
        {
            while (bucket.TryTake(limit, now))
            {
                starts.Add(now);
            }
            now = bucket.NextAt(limit, now);
            if (now >= lateAt)
            {
                now = now.AddMilliseconds(50);
                lateAt = lateAt.AddSeconds(1);
            }
        }

        var burst = RateBucket.Burst(limit);
        for (int i = 0, j = 0; i < starts.Count; i++)
        {
            while (j < starts.Count && starts[j] < starts[i].AddSeconds(1))
            {
                j++;
            }
            Assert.True(j - i <= limit + burst, $"{j - i} starts in the second from {starts[i]:O}");
        }
        Assert.InRange(starts.Count / 20.0, limit * 0.85, limit + burst / 20.0);
    }

    [Fact]
    public void After_a_long_pause_only_the_burst_goes_at_once()
    {
        var bucket = new RateBucket();
        Assert.Equal(5, Enumerable.Range(0, 100).Count(_ => bucket.TryTake(50, T0)));

        Assert.Equal(5, Enumerable.Range(0, 100).Count(_ => bucket.TryTake(50, T0.AddSeconds(3))));
    }

    [Fact]
    public void A_lowered_limit_applies_at_once()
    {
        var bucket = new RateBucket();
        Assert.True(bucket.TryTake(10_000, T0));
        Assert.True(bucket.TryTake(1, T0.AddSeconds(10)));
        Assert.False(bucket.TryTake(1, T0.AddSeconds(10)));
        Assert.Equal(T0.AddSeconds(11), bucket.NextAt(1, T0.AddSeconds(10)));
    }
}

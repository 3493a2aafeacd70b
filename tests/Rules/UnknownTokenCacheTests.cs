using Microsoft.Extensions.Time.Testing;
using Qase.Webhooks.Api.Auth;

namespace Qase.Webhooks.Tests.Rules;

public sealed class UnknownTokenCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void A_refused_token_is_remembered_for_a_short_while_only()
    {
        var cache = new UnknownTokenCache(_clock);
        cache.Remember("hash-a");

        Assert.True(cache.IsUnknown("hash-a"));
        Assert.False(cache.IsUnknown("hash-b"));
        _clock.Advance(UnknownTokenCache.Lifetime + TimeSpan.FromMilliseconds(1));
        Assert.False(cache.IsUnknown("hash-a"));
    }

    [Fact]
    public void The_cache_stays_within_its_capacity()
    {
        var cache = new UnknownTokenCache(_clock);
        for (var i = 0; i < UnknownTokenCache.Capacity * 3; i++)
        {
            cache.Remember($"hash-{i}");
        }

        Assert.True(cache.Count <= UnknownTokenCache.Capacity);
        Assert.True(cache.IsUnknown($"hash-{UnknownTokenCache.Capacity * 3 - 1}"));
    }
}

using System.Collections.Concurrent;

namespace Qase.Webhooks.Api.Auth;

/// <summary>
/// Token hashes the cluster just said it does not know, remembered briefly, so a client repeating a wrong or
/// revoked token costs no grain call and no storage read each time. Bounded: when full it starts again empty.
/// A token is never issued under a hash that was unknown a moment ago (tokens are random), so nothing valid is refused.
/// </summary>
public sealed class UnknownTokenCache(TimeProvider clock)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public int Count => _until.Count;

    public void Remember(string tokenHash)
    {
        if (_until.Count >= Capacity)
        {
            _until.Clear();
        }
        _until[tokenHash] = clock.GetUtcNow() + Lifetime;
    }

    public bool IsUnknown(string tokenHash)
    {
        if (!_until.TryGetValue(tokenHash, out var until))
        {
            return false;
        }
        if (until > clock.GetUtcNow())
        {
            return true;
        }
        _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(tokenHash, until));
        return false;
    }
}

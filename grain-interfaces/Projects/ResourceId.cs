using System.Security.Cryptography;

namespace Qase.Webhooks.Contracts.Projects;

/// <summary>
/// Server-made ids: a short prefix naming the kind, then 32 hex digits that sort in the order they were made
/// (milliseconds since the epoch, a counter within the millisecond, then random bits). The delivery log pages
/// on this order, so it must hold within one process even for ids made in the same millisecond.
/// </summary>
public static class ResourceId
{
    private static readonly Lock Gate = new();
    private static long _lastMillisecond;
    private static int _sequence;

    // Random bytes are taken from the system generator a block at a time: a call per id was a few per cent of a
    // delivery's CPU. Ids need to be unique and unguessable, not secret, so a thread's unused block may wait for it.
    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _randomUsed;

    /// <summary>A new id, <c>{prefix}_</c> then 32 lower-case hex digits, e.g. <c>wh_0193…</c>.</summary>
    /// <param name="prefix">The kind: <c>ws</c> for a workspace and <c>wh</c> for a webhook a caller creates.</param>
    public static string New(string prefix)
    {
        long millisecond;
        int sequence;
        lock (Gate)
        {
            millisecond = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastMillisecond);
            if (millisecond == _lastMillisecond)
            {
                if (++_sequence > 0xFFFF)
                {
                    millisecond++; // more than 65536 ids in one millisecond: borrow the next one
                    _sequence = 0;
                }
            }
            else
            {
                _sequence = 0;
            }
            _lastMillisecond = millisecond;
            sequence = _sequence;
        }
        // Made in place: ids are made per event and per delivery, so one string each and nothing else.
        return string.Create(prefix.Length + 33, (prefix, millisecond, sequence), static (chars, id) =>
        {
            Span<byte> bytes = stackalloc byte[16];
            for (var i = 0; i < 6; i++)
            {
                bytes[i] = (byte)(id.millisecond >> (40 - 8 * i));
            }
            bytes[6] = (byte)(id.sequence >> 8);
            bytes[7] = (byte)id.sequence;
            FillRandom(bytes[8..]);
            id.prefix.CopyTo(chars);
            chars[id.prefix.Length] = '_';
            Convert.TryToHexStringLower(bytes, chars[(id.prefix.Length + 1)..], out _);
        });
    }

    private static void FillRandom(Span<byte> destination)
    {
        var block = _random ??= new byte[512];
        if (_randomUsed == 0 || _randomUsed + destination.Length > block.Length)
        {
            RandomNumberGenerator.Fill(block);
            _randomUsed = 0;
        }
        block.AsSpan(_randomUsed, destination.Length).CopyTo(destination);
        _randomUsed += destination.Length;
    }
}

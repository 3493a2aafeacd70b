using System.Text;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// What a <see cref="RawReceiver"/> writes back on one connection, byte for byte, with no HTTP library in the
/// way: a hostile receiver can send anything a socket can carry.
/// </summary>
public sealed record RawAnswer(string Name, Func<Stream, CancellationToken, Task> Write)
{
    /// <summary>A well-formed <c>200</c> that closes the connection.</summary>
    public static RawAnswer Ok { get; } = Bytes("ok", Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));

    public static RawAnswer Bytes(string name, byte[] bytes) => new(name, (stream, token) => stream.WriteAsync(bytes, token).AsTask());

    /// <summary>These bytes, then bytes forever (until the client goes away).</summary>
    public static RawAnswer Endless(string name, byte[] head) => new(name, async (stream, token) =>
    {
        await stream.WriteAsync(head, token);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
        while (!token.IsCancellationRequested)
        {
            await stream.WriteAsync(chunk, token);
        }
    });

    /// <summary>These bytes, then <paramref name="body"/> one byte a second.</summary>
    public static RawAnswer Dripped(string name, byte[] head, byte[] body) => new(name, async (stream, token) =>
    {
        await stream.WriteAsync(head, token);
        await stream.FlushAsync(token);
        foreach (var b in body)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), token);
            await stream.WriteAsync(new[] { b }, token);
            await stream.FlushAsync(token);
        }
    });

    /// <summary>ASCII text with <c>\0</c> and other escapes kept as the bytes they stand for.</summary>
    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    public override string ToString() => Name;
}

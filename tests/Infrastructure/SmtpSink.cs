using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>A mail as the SMTP sink received it.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data)
{
    public string Header(string name) =>
        Data.Split("\r\n").TakeWhile(line => line.Length > 0)
            .FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";
}

/// <summary>
/// A small SMTP server on loopback that speaks enough of RFC 5321 for a real client (EHLO, MAIL, RCPT,
/// DATA with dot-stuffing, RSET, NOOP, QUIT) and keeps what it receives. It can be stopped and started
/// again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private Task? _accepting;

    public SmtpSink(int? port = null) => Port = port ?? FreePort.Next();

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Mails => [.. _mails];

    public SmtpSink Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _running = new CancellationTokenSource();
        _accepting = Accept(_listener, _running.Token);
        return this;
    }

    public async Task Stop()
    {
        if (_running is null)
        {
            return;
        }
        await _running.CancelAsync();
        _listener!.Stop();
        try
        {
            await _accepting!;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        _running.Dispose();
        _running = null;
    }

    public ValueTask DisposeAsync() => new(Stop());

    private async Task Accept(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = Converse(client, cancellationToken);
        }
    }

    private async Task Converse(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await writer.WriteLineAsync("220 sink.test ESMTP ready");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink.test");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 sink.test");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(cancellationToken) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        _mails.Enqueue(new ReceivedMail(from ?? "", [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 OK: queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>');
        return start >= 0 && end > start ? line[(start + 1)..end] : line.Split(':', 2).ElementAtOrDefault(1)?.Trim() ?? "";
    }
}

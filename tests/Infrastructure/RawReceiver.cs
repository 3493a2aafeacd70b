using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// A receiver on a raw loopback socket: it reads each request (head and <c>Content-Length</c> body) and answers
/// with the next queued <see cref="RawAnswer"/>, or <see cref="Otherwise"/> once the queue is empty. No HTTP server
/// would send what the hostile tests need, hence a hand-written one.
/// </summary>
public sealed class RawReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<RawAnswer> _answers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private Task _accepting = Task.CompletedTask;
    private int _requests;

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    /// <summary>The answer once the queue is empty; a plain <c>200</c> unless a test changes it.</summary>
    public RawAnswer Otherwise { get; set; } = RawAnswer.Ok;

    /// <summary>How many requests have been read in full.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static RawReceiver Start()
    {
        var receiver = new RawReceiver();
        receiver._listener.Start();
        receiver._accepting = receiver.Accept();
        return receiver;
    }

    /// <summary>Queues answers for the next connections, in order.</summary>
    public void Answer(params RawAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    private async Task Accept()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _connections.Add(Serve(socket));
        }
    }

    private async Task Serve(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await ReadRequest(stream);
            Interlocked.Increment(ref _requests);
            var answer = _answers.TryDequeue(out var next) ? next : Otherwise;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await answer.Write(stream, timeout.Token);
            await stream.FlushAsync(timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (as it should, from an endless or dripped answer).
        }
    }

    private static async Task ReadRequest(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("the client closed before the request ended");
            }
            head.Add(one[0]);
        }
        var length = Encoding.ASCII.GetString([.. head]).Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim()))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stopping.Dispose();
    }
}

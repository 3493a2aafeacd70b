using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Grains.Clock;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// Makes delivery attempts: one shared, pooled HTTP client that never follows redirects, uses no proxy,
/// and checks the address it actually connects to against <see cref="NetworkAddressPolicy"/>.
/// It is called from grains but is not grain code: its awaits leave the grain's scheduler
/// (<c>ConfigureAwait(false)</c>), so the I/O of many attempts runs in parallel on the thread pool and only
/// the finished result comes back to the grain's single thread (the hot path's one hop).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxResponseBodyBytes = 8 * 1024;
    public const string Redacted = "[redacted]";

    private static readonly string UserAgent =
        $"Qase-Webhooks/{typeof(WebhookSender).Assembly.GetName().Version?.ToString(3)} (+https://qase.io)";

    private const string JsonContentType = "application/json";

    private static Tuple<long, string> _timestamp = new(0, "0");

    // After the status line the body is read for the log only, and not for long: at most this, and never past the timeout.
    private static readonly TimeSpan BodyReadBudget = TimeSpan.FromSeconds(2);

    // What is left of a body past the kept prefix is read away for the connection's reuse only up to this much.
    private const int MaxDrainBytes = 64 * 1024;

    private readonly DeliveryOptions _options;
    private readonly TimeProvider _clock;
    private readonly HttpClient _client;

    public WebhookSender(IOptions<DeliveryOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.Timeout,
            MaxResponseDrainSize = MaxDrainBytes,
            ResponseDrainTimeout = BodyReadBudget,
            ConnectCallback = ConnectAsync,
            // HttpClient sends the current trace context to every host by default; a receiver gets it only when asked for.
            ActivityHeadersPropagator = _options.PropagateTraceContext
                ? DistributedContextPropagator.Current
                : DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// One attempt. It signs before its first await, on the caller's turn, with the secrets <paramref name="signer"/> has
    /// live at this attempt's time.
    /// </summary>
    public async Task<SendResult> Send(string url, WebhookSigner signer, string deliveryId, string eventName, byte[] body)
    {
        var at = _clock.UtcNowMs();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        // The same headers as Headers() below, added without its iterator: constants are shared, and the
        // timestamp's text is made once a second.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (signer.Secret is { } secret)
        {
            headers.TryAddWithoutValidation("X-Qase-Secret", secret);
        }
        headers.TryAddWithoutValidation("X-Qase-Event", eventName);
        headers.TryAddWithoutValidation("X-Qase-Delivery", deliveryId);
        headers.TryAddWithoutValidation("webhook-id", deliveryId);
        headers.TryAddWithoutValidation("webhook-timestamp", TimestampText(timestamp));
        if (signer.Sign(deliveryId, timestamp, body, at) is { } signature)
        {
            headers.TryAddWithoutValidation("webhook-signature", signature);
        }

        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var duration = watch.ElapsedMilliseconds;
            var status = (int)response.StatusCode;
            var left = _options.Timeout - watch.Elapsed;
            timeout.CancelAfter(left < TimeSpan.Zero ? TimeSpan.Zero : left < BodyReadBudget ? left : BodyReadBudget);
            var text = Redact(await ReadPrefix(response, timeout.Token).ConfigureAwait(false), signer.Secret);
            var ok = status is >= 200 and <= 299;
            return new SendResult(at, status, duration, ok ? null : Redact(DescribeStatus(response), signer.Secret), text, TimedOut: false,
                RetryAfterOf(response), url);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Failure($"timeout: no response within {_options.Timeout.TotalSeconds:0.###} s", timedOut: true);
        }
        catch (HttpRequestException ex)
        {
            return Failure(Describe(ex), timedOut: false);
        }

        SendResult Failure(string error, bool timedOut) =>
            new(at, null, watch.ElapsedMilliseconds, error, null, timedOut, null, url);
    }

    /// <summary>The headers of a delivery, with the secret and signature replaced when <paramref name="redact"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Headers(
        WebhookSigner signer, string deliveryId, string eventName, long timestamp, byte[] body, bool redact)
    {
        yield return new("Content-Type", JsonContentType);
        yield return new("User-Agent", UserAgent);
        if (signer.Secret is { } secret)
        {
            yield return new("X-Qase-Secret", redact ? Redacted : secret);
        }
        yield return new("X-Qase-Event", eventName);
        yield return new("X-Qase-Delivery", deliveryId);
        yield return new("webhook-id", deliveryId);
        yield return new("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signer.Signs)
        {
            yield return new("webhook-signature", redact
                ? Redacted
                : signer.Sign(deliveryId, timestamp, body, DateTimeOffset.FromUnixTimeSeconds(timestamp))!);
        }
    }

    private static string TimestampText(long seconds)
    {
        var last = Volatile.Read(ref _timestamp);
        if (last.Item1 == seconds)
        {
            return last.Item2;
        }
        var text = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Volatile.Write(ref _timestamp, new Tuple<long, string>(seconds, text));
        return text;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _options.AllowPrivateNetworks
            ? addresses
            : addresses.Where(a => !NetworkAddressPolicy.IsRefused(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException(NetworkAddressPolicy.Refusal(host));
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static async Task<string?> ReadPrefix(HttpResponseMessage response, CancellationToken budget)
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(MaxResponseBodyBytes);
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(budget).ConfigureAwait(false);
            int n;
            while (read < MaxResponseBodyBytes
                && (n = await stream.ReadAsync(buffer.AsMemory(read, MaxResponseBodyBytes - read), budget).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or HttpRequestException)
        {
            // A body cut off (dripped past the budget, or broken) keeps what did arrive.
        }
        try
        {
            // Invalid UTF-8 becomes U+FFFD here; SendResult makes the rest of it storable.
            return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A receiver that echoes its request (as debugging endpoints do) would otherwise have the secret kept in the
    // log: as sent, and as a JSON echo escapes it ('+' as \u002B).
    private static string? Redact(string? text, string? secret)
    {
        if (text is null || string.IsNullOrEmpty(secret))
        {
            return text;
        }
        text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        var escaped = JsonEncodedText.Encode(secret).ToString();
        return escaped == secret ? text : text.Replace(escaped, Redacted, StringComparison.Ordinal);
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
        {
            return null;
        }
        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
    }

    private static string DescribeStatus(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and <= 399
            ? $"HTTP {(int)response.StatusCode}: redirects are not followed"
            : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is RefusedAddressException refused)
            {
                return refused.Message;
            }
        }
        var cause = ex.InnerException?.Message ?? ex.Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"DNS: {cause}",
            HttpRequestError.ConnectionError => $"connection failed: {cause}",
            HttpRequestError.SecureConnectionError => $"TLS: {cause}",
            _ => $"request failed: {cause}",
        };
    }

    public void Dispose() => _client.Dispose();
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// A well-behaved producer, for fault tests: it publishes batches of numbered events one after another, each
/// under its own idempotency keys, and sends a batch again until it is answered 202. It keeps what it was
/// answered: which events were accepted, how many 503s, and every answer that is neither (a fault).
/// </summary>
public sealed class EventPublisher(HttpClient client, string code, string eventName, int batchSize, int firstId = 0)
{
    private readonly ConcurrentDictionary<int, byte> _accepted = new();
    private readonly ConcurrentQueue<string> _faults = new();
    private int _unavailable;
    private int _timedOut;
    private int _next = firstId;

    public IReadOnlyCollection<int> Accepted => [.. _accepted.Keys];

    /// <summary>503 problem+json answers with a Retry-After, as wanted while a dependency is down.</summary>
    public int Unavailable => _unavailable;

    /// <summary>Requests that got no answer within the client's timeout (sent again, never counted as accepted).</summary>
    public int TimedOut => _timedOut;

    /// <summary>Answers that are neither 202 nor a well-formed 503: a 500, a 503 without Retry-After, ...</summary>
    public IReadOnlyList<string> Faults => [.. _faults];

    /// <summary>When the last 202 was answered.</summary>
    public DateTime LastAcceptedAt { get; private set; }

    /// <summary>Publishes until <paramref name="stop"/> is cancelled; the batch in hand is finished first.</summary>
    public async Task Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await PublishBatch(stop);
        }
    }

    /// <summary>One batch, sent again until it is accepted (or a minute after <paramref name="stop"/>).</summary>
    public async Task PublishBatch(CancellationToken stop = default)
    {
        var ids = Enumerable.Range(Interlocked.Add(ref _next, batchSize) - batchSize, batchSize).ToArray();
        DateTime? stoppedAt = null;
        while (!await TryPublish(ids))
        {
            if (stop.IsCancellationRequested && (stoppedAt ??= DateTime.UtcNow) < DateTime.UtcNow - TimeSpan.FromSeconds(60))
            {
                _faults.Enqueue($"the batch from {ids[0]} was still not accepted a minute after the end");
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    /// <summary>One attempt at a batch; true when it was accepted.</summary>
    private async Task<bool> TryPublish(int[] ids)
    {
        var events = ids.Select(id => new { event_name = eventName, payload = new { id }, id = $"{eventName}-{id}" }).ToArray();
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync($"/v1/projects/{code}/events/batch", new { events });
        }
        catch (TaskCanceledException)
        {
            Interlocked.Increment(ref _timedOut);
            return false;
        }
        catch (HttpRequestException ex)
        {
            _faults.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} no answer: {ex.Message}");
            return false;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                foreach (var id in ids)
                {
                    _accepted[id] = 0;
                }
                LastAcceptedAt = DateTime.UtcNow;
                return true;
            }
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && response.Headers.RetryAfter?.Delta > TimeSpan.Zero
                && JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32() == 503)
            {
                Interlocked.Increment(ref _unavailable);
                return false;
            }
            _faults.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
            return false;
        }
    }

    /// <summary>The event number a delivery carries (its payload's <c>id</c>).</summary>
    public static int EventId(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("payload").GetProperty("id").GetInt32();
}

using System.Text;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Bench;

/// <summary>
/// The events both sides carry. The baseline's bodies come from the service's own
/// <see cref="EventEnvelope"/>, so both send byte for byte the same envelopes.
/// </summary>
public static class BenchEvents
{
    public const string EventName = "run.completed";
    public const string ProjectCode = "BENCH";

    public static string Payload(int i) =>
        $$"""{"id":{{i}},"title":"Nightly regression","cases":148,"passed":141,"failed":5,"blocked":2,"duration":5210,"environment":"staging"}""";

    public static IReadOnlyList<byte[]> Envelopes(int count, long timestamp) =>
        [.. Enumerable.Range(0, count).Select(i => EventEnvelope.Build(EventName, timestamp, Payload(i), null, ProjectCode))];

    /// <summary>The bodies of <c>POST .../events/batch</c> for <paramref name="count"/> events, <paramref name="batch"/> a request.</summary>
    public static IReadOnlyList<byte[]> Batches(int count, int batch, long timestamp)
    {
        var bodies = new List<byte[]>();
        for (var start = 0; start < count; start += batch)
        {
            var events = Enumerable.Range(start, Math.Min(batch, count - start))
                .Select(i => $$"""{"event_name":"{{EventName}}","timestamp":{{timestamp}},"payload":{{Payload(i)}}}""");
            bodies.Add(Encoding.UTF8.GetBytes($$"""{"events":[{{string.Join(',', events)}}]}"""));
        }
        return bodies;
    }
}

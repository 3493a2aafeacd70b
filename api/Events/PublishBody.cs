using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Qase.Webhooks.Contracts.Events;

namespace Qase.Webhooks.Api.Events;

/// <summary>
/// Reads the body of a publish (<see cref="PublishEventRequest"/>, <see cref="PublishBatchRequest"/>) in one pass of the
/// JSON reader over one array of the body's size: no document and no object per event, and each event's payload stays a
/// slice of that array, its UTF-8 as sent, already read as an object. Payloads of hundreds of KiB are so held once until
/// their envelopes are built, not as a document, a string and bytes again. What cannot be read answers as the JSON
/// binding does (<see cref="Problems.ProblemExceptionHandler"/>): malformed JSON, or a field of the wrong type by its path.
/// </summary>
public static class PublishBody
{
    /// <summary>An event's fields as sent, matched without regard to case as the API's JSON binding does.</summary>
    public static readonly IReadOnlyList<string> EventFields = ["event_name", "payload", "team_member_id", "timestamp", "id"];

    private static readonly string[] Fields = [.. EventFields];
    private static readonly string[] BatchFields = ["events"];

    public static async Task<EventSubmission> ReadEvent(HttpRequest request, string? idempotencyKey)
    {
        var body = await ReadAll(request);
        return Readable(() => ParseEvent(body, idempotencyKey));
    }

    public static async Task<IReadOnlyList<EventSubmission>> ReadBatch(HttpRequest request)
    {
        var body = await ReadAll(request);
        return Readable(() => ParseBatch(body));
    }

    /// <summary>One event (<c>{"event_name": ..., "payload": {...}, ...}</c>); <paramref name="idempotencyKey"/> when it has no <c>id</c>.</summary>
    /// <exception cref="JsonException">The body is not JSON, not an object, or has a field of the wrong type (its <see cref="JsonException.Path"/>).</exception>
    public static EventSubmission ParseEvent(ReadOnlyMemory<byte> body, string? idempotencyKey = null)
    {
        var reader = new Utf8JsonReader(body.Span);
        StartRoot(ref reader);
        var submission = Event(ref reader, body, -1, idempotencyKey);
        EndRoot(ref reader);
        return submission;
    }

    /// <summary>A batch (<c>{"events": [...]}</c>); an <c>events</c> absent or <c>null</c> is an empty batch, which the router refuses.</summary>
    /// <exception cref="JsonException">As for <see cref="ParseEvent"/>, with paths such as <c>$.events[3].timestamp</c>.</exception>
    public static IReadOnlyList<EventSubmission> ParseBatch(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span);
        StartRoot(ref reader);
        List<EventSubmission> events = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = FieldName(ref reader, BatchFields) is not null;
            reader.Read();
            if (!known)
            {
                reader.Skip();
                continue;
            }
            events = [];
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw WrongType("$.events");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                events.Add(reader.TokenType switch
                {
                    JsonTokenType.StartObject => Event(ref reader, body, events.Count, null),
                    // A null event has none of its fields: the router names each one that is required.
                    JsonTokenType.Null => new EventSubmission(null, default),
                    _ => throw WrongType($"$.events[{events.Count}]"),
                });
            }
        }
        EndRoot(ref reader);
        return events;
    }

    // The reader is on the event's '{'; it is left on its '}'. Paths are made only for an error.
    private static EventSubmission Event(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int index, string? idempotencyKey)
    {
        string? eventName = null;
        string? id = null;
        long? teamMemberId = null;
        long? timestamp = null;
        ReadOnlyMemory<byte> payload = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldName(ref reader, Fields);
            reader.Read();
            switch (field)
            {
                case "event_name":
                    eventName = Text(ref reader, index, field);
                    break;
                case "id":
                    id = Text(ref reader, index, field);
                    break;
                case "team_member_id":
                    teamMemberId = Integer(ref reader, index, field);
                    break;
                case "timestamp":
                    timestamp = Integer(ref reader, index, field);
                    break;
                case "payload" when reader.TokenType == JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payload = body[start..(int)reader.BytesConsumed];
                    break;
                case "payload":
                    // Not an object: the router refuses it with its one message for that.
                    reader.Skip();
                    payload = default;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new EventSubmission(eventName, payload, teamMemberId, timestamp, id ?? idempotencyKey) { PayloadReadAsObject = !payload.IsEmpty };
    }

    private static void StartRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType("$");
        }
    }

    // Anything after the root object other than white space is malformed, and the reader says so.
    private static void EndRoot(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw WrongType("$");
        }
    }

    private static string? FieldName(ref Utf8JsonReader reader, string[] names)
    {
        if (!reader.ValueIsEscaped)
        {
            foreach (var name in names)
            {
                if (Ascii.EqualsIgnoreCase(reader.ValueSpan, name))
                {
                    return name;
                }
            }
            return null;
        }
        var sent = reader.GetString();
        return names.FirstOrDefault(name => string.Equals(sent, name, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Text(ref Utf8JsonReader reader, int index, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw WrongType(Path(index, field)),
    };

    // Numbers may come as strings ("7"), as the JSON binding's web defaults read them.
    private static long? Integer(ref Utf8JsonReader reader, int index, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when !reader.ValueIsEscaped
                && long.TryParse(reader.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                return number;
            case JsonTokenType.String when reader.ValueIsEscaped
                && long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                return number;
            default:
                throw WrongType(Path(index, field));
        }
    }

    private static string Path(int index, string field) => index < 0 ? $"$.{field}" : $"$.events[{index}].{field}";

    private static JsonException WrongType(string path) =>
        new($"The JSON value at {path} could not be read as the request's field.", path, null, null);

    private static T Readable<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException unreadable)
        {
            throw new BadHttpRequestException("The request body could not be read.", StatusCodes.Status400BadRequest, unreadable);
        }
    }

    // One array of the body's size: each payload is a slice of it until the router has built its envelope.
    private static async Task<ReadOnlyMemory<byte>> ReadAll(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{request.ContentType}\".",
                StatusCodes.Status415UnsupportedMediaType);
        }
        var aborted = request.HttpContext.RequestAborted;
        ReadOnlyMemory<byte> body;
        if (request.ContentLength is { } length)
        {
            // Checked before the array is made, so a claimed length never allocates beyond the endpoint's limit.
            if (length > request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
            var bytes = new byte[length];
            await request.Body.ReadExactlyAsync(bytes, aborted);
            body = bytes;
        }
        else
        {
            // Sent without a length (chunked): the server stops it at the endpoint's limit as it arrives.
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, aborted);
            body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        return body.IsEmpty
            ? throw new BadHttpRequestException("The request body is empty; it must be a JSON object.", StatusCodes.Status400BadRequest)
            : body;
    }
}

using System.Text;
using System.Text.Json;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>Qase's delivery body: <c>{event_name, timestamp, payload, team_member_id, project_code}</c>.</summary>
public static class EventEnvelope
{
    /// <summary>Builds the UTF-8 body once per event; <paramref name="payloadJson"/> is copied in untouched.</summary>
    public static byte[] Build(string eventName, long timestamp, string payloadJson, long? teamMemberId, string projectCode) =>
        Build(eventName, timestamp, Encoding.UTF8.GetBytes(payloadJson), teamMemberId, projectCode);

    /// <summary>Builds the UTF-8 body once per event; <paramref name="payloadJson"/> (checked UTF-8 JSON) is copied in untouched.</summary>
    public static byte[] Build(string eventName, long timestamp, ReadOnlySpan<byte> payloadJson, long? teamMemberId, string projectCode)
    {
        // The small fields are written around a one-byte stand-in for the payload, then the body is made at its exact
        // size: a payload of hundreds of KiB is copied once, into the one large array the body needs.
        var frame = new System.Buffers.ArrayBufferWriter<byte>(256);
        int payloadAt;
        using (var writer = new Utf8JsonWriter(frame))
        {
            writer.WriteStartObject();
            writer.WriteString("event_name", eventName);
            writer.WriteNumber("timestamp", timestamp);
            writer.WritePropertyName("payload");
            writer.Flush();
            payloadAt = frame.WrittenCount;
            writer.WriteRawValue("0"u8, skipInputValidation: true);
            if (teamMemberId is { } member)
            {
                writer.WriteNumber("team_member_id", member);
            }
            else
            {
                writer.WriteNull("team_member_id");
            }
            writer.WriteString("project_code", projectCode);
            writer.WriteEndObject();
        }
        var written = frame.WrittenSpan;
        var body = new byte[written.Length - 1 + payloadJson.Length];
        written[..payloadAt].CopyTo(body);
        payloadJson.CopyTo(body.AsSpan(payloadAt));
        written[(payloadAt + 1)..].CopyTo(body.AsSpan(payloadAt + payloadJson.Length));
        return body;
    }

    /// <summary>Whether <paramref name="utf8Json"/> is one well-formed JSON object and nothing else (read once, no document built).</summary>
    public static bool IsJsonObject(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

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
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(payloadJson.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event_name", eventName);
            writer.WriteNumber("timestamp", timestamp);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payloadJson, skipInputValidation: true);
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
        return buffer.WrittenSpan.ToArray();
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

using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// The stored form of grain states in PostgreSQL: Orleans' binary form behind a two-byte <see cref="Mark"/>. It is
/// version tolerant as the states' <c>[Id]</c>s are, and the JSON it replaces took most of a state write's CPU. A state
/// without the mark was stored as JSON by an earlier version and is read as JSON; its next write stores it anew.
/// </summary>
public sealed class StoredStateSerializer(Serializer binary, IGrainStorageSerializer json) : IGrainStorageSerializer
{
    /// <summary>No JSON text starts with a NUL byte; the second byte numbers the form.</summary>
    public static readonly byte[] Mark = [0x00, 0x01];

    public BinaryData Serialize<T>(T? input)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Mark);
        binary.Serialize(input, buffer);
        return new BinaryData(buffer.WrittenMemory);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        return bytes.Span.StartsWith(Mark) ? binary.Deserialize<T>(bytes[Mark.Length..]) : json.Deserialize<T>(input);
    }
}

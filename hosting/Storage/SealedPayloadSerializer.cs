using Orleans.Storage;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// The ADO.NET provider's serializer: a <see cref="SealedPayload"/> is stored as its bytes alone (so its header,
/// and the key id in it, can be read in SQL); every other state goes through the inner one.
/// </summary>
public sealed class SealedPayloadSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        input is SealedPayload { Bytes: { } bytes } ? new BinaryData(bytes) : inner.Serialize(input);

    public T? Deserialize<T>(BinaryData input) =>
        typeof(T) == typeof(SealedPayload) ? (T)(object)new SealedPayload { Bytes = input.ToArray() } : inner.Deserialize<T>(input);
}

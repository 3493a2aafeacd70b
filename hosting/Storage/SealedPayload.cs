namespace Qase.Webhooks.Hosting.Storage;

/// <summary>What the ADO.NET provider stores for a sealed state: the sealed bytes, as they are, in <c>PayloadBinary</c>.</summary>
public sealed class SealedPayload
{
    public byte[]? Bytes { get; set; }
}

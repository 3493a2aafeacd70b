using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Hosting.Secrets;

namespace Qase.Webhooks.Hosting.Storage;

/// <summary>
/// Grain state with secrets (types marked <see cref="SealedAtRestAttribute"/>) sealed before it reaches the store:
/// the state is serialized as usual, sealed with AES-256-GCM bound to its grain, and the provider stores the sealed
/// bytes. Other states pass through untouched. A state that does not open fails the grain, never resets it; one
/// read under a previous key is sealed again under the current one.
/// </summary>
public sealed partial class SealingGrainStorage(
    IGrainStorage inner,
    StateSealer sealer,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    ILogger<SealingGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsSealed<T>())
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
            return;
        }
        var stored = new GrainState<SealedPayload>(new SealedPayload(), grainState.ETag);
        await inner.ReadStateAsync(stateName, grainId, stored);
        var bytes = stored.State?.Bytes;
        grainState.State = bytes is { Length: > 0 } ? Open<T>(stateName, grainId, bytes) : activators.GetActivator<T>().Create();
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
        if (bytes is { Length: > 0 } && StateSealer.KeyIdOf(bytes) != sealer.Keys.Current.IdText)
        {
            await Reseal(stateName, grainId, grainState, StateSealer.KeyIdOf(bytes));
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsSealed<T>())
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var plaintext = serializer.Serialize(grainState.State).ToArray();
        var stored = new GrainState<SealedPayload>(new SealedPayload { Bytes = sealer.Seal(plaintext, Context(stateName, grainId)) }, grainState.ETag);
        await inner.WriteStateAsync(stateName, grainId, stored);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsSealed<T>())
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
            return;
        }
        var stored = new GrainState<SealedPayload>(new SealedPayload(), grainState.ETag);
        await inner.ClearStateAsync(stateName, grainId, stored);
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    // A state read under a previous key (or in clear) is written again under Secrets:Key at once, so that a key
    // rotation completes as webhooks are used, not only as they change. Failing that, the next write does it.
    private async Task Reseal<T>(string stateName, GrainId grainId, IGrainState<T> grainState, string keyId)
    {
        try
        {
            await WriteStateAsync(stateName, grainId, grainState);
            LogResealed(stateName, grainId, keyId is "" ? "none" : keyId, sealer.Keys.Current.IdText);
        }
        catch (Exception ex)
        {
            LogResealFailed(ex, stateName, grainId);
        }
    }

    private T Open<T>(string stateName, GrainId grainId, byte[] stored)
    {
        if (!StateSealer.IsSealed(stored))
        {
            // Written before states were sealed: read as it is, and sealed right after.
            LogReadInClear(stateName, grainId);
            return serializer.Deserialize<T>(new BinaryData(stored)) ?? activators.GetActivator<T>().Create();
        }
        try
        {
            return serializer.Deserialize<T>(new BinaryData(sealer.Open(stored, Context(stateName, grainId)))) ?? activators.GetActivator<T>().Create();
        }
        catch (UnreadableStateException ex)
        {
            LogUnreadable(stateName, grainId, ex.KeyId, ex.Message);
            throw new ServiceUnavailableException($"The stored {stateName} cannot be opened with the configured keys; the service's log says why.");
        }
    }

    // The row's grain, as the associated data: a sealed state copied into another grain's row does not open. The
    // grain id's canonical string form ("type/key"), the one the reminders table keys on too.
    private static string Context(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    private static bool IsSealed<T>() => typeof(T).IsDefined(typeof(SealedAtRestAttribute), inherit: false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {StateName} state of {GrainId} was stored in clear; it is sealed now.")]
    private partial void LogReadInClear(string stateName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {StateName} state of {GrainId} was sealed again, from key id {FromKeyId} to {ToKeyId}.")]
    private partial void LogResealed(string stateName, GrainId grainId, string fromKeyId, string toKeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {StateName} state of {GrainId} could not be sealed again under Secrets:Key now; its next write does it.")]
    private partial void LogResealFailed(Exception exception, string stateName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {StateName} state of {GrainId} (key id {KeyId}) cannot be opened: {Reason}")]
    private partial void LogUnreadable(string stateName, GrainId grainId, string keyId, string reason);
}

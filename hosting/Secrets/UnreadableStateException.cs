namespace Qase.Webhooks.Hosting.Secrets;

/// <summary>A sealed grain state that cannot be opened: its key is not configured, or it is not the value that was sealed.</summary>
public sealed class UnreadableStateException(string keyId, UnreadableStateProblem problem)
    : Exception(Describe(keyId, problem))
{
    public string KeyId { get; } = keyId;

    public UnreadableStateProblem Kind { get; } = problem;

    private static string Describe(string keyId, UnreadableStateProblem problem) => problem switch
    {
        UnreadableStateProblem.UnknownKey => $"it is sealed under key id {keyId}, which is neither {SealingKeys.KeyName} nor one of {SealingKeys.PreviousKeysName}: add that key to {SealingKeys.PreviousKeysName}.",
        UnreadableStateProblem.NotAuthentic => $"it does not authenticate under key id {keyId}: it was altered, or copied from another grain's row.",
        _ => "it is not a sealed value of a known format.",
    };
}

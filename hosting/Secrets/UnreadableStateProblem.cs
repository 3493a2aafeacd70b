namespace Qase.Webhooks.Hosting.Secrets;

/// <summary>Why a sealed grain state does not open.</summary>
public enum UnreadableStateProblem
{
    /// <summary>Its key id is neither <c>Secrets:Key</c> nor one of <c>Secrets:PreviousKeys</c>.</summary>
    UnknownKey,

    /// <summary>The tag does not match: the bytes were altered, or belong to another grain's row.</summary>
    NotAuthentic,

    /// <summary>Too short, or a format version this service does not know.</summary>
    Malformed,
}

namespace Qase.Webhooks.Contracts.Problems;

/// <summary>Why a request was refused; each kind maps to one HTTP status and problem type.</summary>
public enum ProblemKind
{
    Validation = 0,
    NotFound = 1,
    Conflict = 2,
    PlanRequired = 3,
    Forbidden = 4,

    /// <summary>Something sent is over its size limit (REST answers 413).</summary>
    TooLarge = 5,
}

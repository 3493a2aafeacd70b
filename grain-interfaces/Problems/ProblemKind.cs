namespace Qase.Webhooks.Contracts.Problems;

/// <summary>Why a request was refused; each kind maps to one HTTP status and problem type.</summary>
public enum ProblemKind
{
    /// <summary>Bad input (REST answers 400, <c>/validation</c>); <see cref="RequestRejectedException.Errors"/> names every bad field.</summary>
    Validation = 0,

    /// <summary>The workspace, project, webhook, delivery or token does not exist (REST answers 404).</summary>
    NotFound = 1,

    /// <summary>
    /// The request clashes with the resource's state (REST answers 409): it exists already, or the webhook is disabled
    /// and cannot send deliveries again.
    /// </summary>
    Conflict = 2,

    /// <summary>The workspace is on the free plan, and this needs a paid one (REST answers 403, <c>/plan-required</c>).</summary>
    PlanRequired = 3,

    /// <summary>The REST caller's token may not use this route (REST answers 403); the grains never throw it.</summary>
    Forbidden = 4,

    /// <summary>Something sent is over its size limit (REST answers 413).</summary>
    TooLarge = 5,
}

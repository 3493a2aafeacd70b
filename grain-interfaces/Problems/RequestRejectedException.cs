namespace Qase.Webhooks.Contracts.Problems;

/// <summary>
/// A request the service refuses for a reason the caller can fix: bad input, a missing resource,
/// a conflict or a plan that lacks webhooks. REST answers it as a problem; grain callers catch it.
/// </summary>
[GenerateSerializer, Alias("qase.RequestRejectedException")]
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(ProblemKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors is null ? null : new Dictionary<string, string[]>(errors);
    }

    [Id(0)]
    public ProblemKind Kind { get; private set; }

    /// <summary>Per request field (as named on the wire, e.g. <c>events[1]</c>), what is wrong with it.</summary>
    [Id(1)]
    public Dictionary<string, string[]>? Errors { get; private set; }

    public static RequestRejectedException NotFound(string what) => new(ProblemKind.NotFound, $"{what} was not found.");

    public static RequestRejectedException PlanRequired() => new(
        ProblemKind.PlanRequired,
        "Webhooks are available on the startup, business and enterprise plans; this workspace is on the free plan.");

    public static RequestRejectedException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Validation, "One or more fields are invalid.", errors);
}

namespace Qase.Webhooks.Contracts.Problems;

/// <summary>
/// A request the service refuses for a reason the caller can fix: bad input, a missing resource,
/// a conflict or a plan that lacks webhooks. REST answers it as a problem; grain callers catch it.
/// </summary>
[GenerateSerializer, Alias("qase.RequestRejectedException")]
public sealed class RequestRejectedException : Exception
{
    /// <summary>A refusal of <paramref name="kind"/>.</summary>
    /// <param name="kind">Why the request is refused.</param>
    /// <param name="message">What is wrong, in a sentence for people (the problem's <c>detail</c> on the REST API).</param>
    /// <param name="errors">Per request field, as named on the wire, what is wrong with it; copied.</param>
    public RequestRejectedException(ProblemKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors is null ? null : new Dictionary<string, string[]>(errors);
    }

    /// <summary>Why the request was refused.</summary>
    [Id(0)]
    public ProblemKind Kind { get; private set; }

    /// <summary>
    /// Per request field (as named on the wire, e.g. <c>url</c>, <c>events[1]</c>, <c>events[3].event_name</c>), what is
    /// wrong with it; <c>null</c> when the refusal is not about fields.
    /// </summary>
    [Id(1)]
    public Dictionary<string, string[]>? Errors { get; private set; }

    /// <summary>A <see cref="ProblemKind.NotFound"/> refusal whose message reads <c>{what} was not found.</c></summary>
    /// <param name="what">What is missing, e.g. <c>Webhook wh_…</c>.</param>
    public static RequestRejectedException NotFound(string what) => new(ProblemKind.NotFound, $"{what} was not found.");

    /// <summary>A <see cref="ProblemKind.PlanRequired"/> refusal: webhooks need the startup, business or enterprise plan.</summary>
    public static RequestRejectedException PlanRequired() => new(
        ProblemKind.PlanRequired,
        "Webhooks are available on the startup, business and enterprise plans; this workspace is on the free plan.");

    /// <summary>A <see cref="ProblemKind.Validation"/> refusal with the messages of every bad field.</summary>
    /// <param name="errors">Per request field, as named on the wire, what is wrong with it.</param>
    public static RequestRejectedException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Validation, "One or more fields are invalid.", errors);
}

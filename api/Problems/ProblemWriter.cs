using Microsoft.AspNetCore.Mvc;

namespace Qase.Webhooks.Api.Problems;

/// <summary>Writes RFC 9457 problem details; every error answer of the API goes through here.</summary>
public static class ProblemWriter
{
    public const string TypeBase = "https://qase.io/problems/";

    /// <summary>How long a caller is asked to wait when a dependency is down; the service is back within 10 s of it.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>503 with <c>Retry-After</c>: the cluster or the database does not answer; the request was not answered as accepted.</summary>
    public static Task WriteUnavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Write(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "The service is unavailable for now",
            detail + $" Send the request again in {RetryAfterSeconds} seconds; under the same idempotency keys nothing is delivered twice.");
    }

    public static Task Write(HttpContext context, int status, string type, string title, string detail,
        IDictionary<string, string[]>? errors = null)
    {
        ProblemDetails problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Type = TypeBase + type;
        problem.Title = title;
        problem.Status = status;
        problem.Detail = detail;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }
}

using Microsoft.AspNetCore.Mvc;

namespace Qase.Webhooks.Api.Problems;

/// <summary>Writes RFC 9457 problem details; every error answer of the API goes through here.</summary>
public static class ProblemWriter
{
    public const string TypeBase = "https://qase.io/problems/";

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

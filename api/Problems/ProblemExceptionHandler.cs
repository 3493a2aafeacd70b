using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Qase.Webhooks.Api.Json;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Hosting;

namespace Qase.Webhooks.Api.Problems;

/// <summary>
/// Turns what handlers and grains throw into problem answers: a dependency that is down is a 503 (the one place
/// where that is decided), anything unexpected a logged 500.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case RequestRejectedException rejected:
                var (status, type, title) = rejected.Kind switch
                {
                    ProblemKind.Validation => (400, "validation", "The request is not valid"),
                    ProblemKind.NotFound => (404, "not-found", "Not found"),
                    ProblemKind.Conflict => (409, "conflict", "Conflict"),
                    ProblemKind.PlanRequired => (403, "plan-required", "A paid plan is required"),
                    ProblemKind.TooLarge => (413, "too-large", "Too large"),
                    _ => (403, "forbidden", "Forbidden"),
                };
                await ProblemWriter.Write(context, status, type, title, rejected.Message, rejected.Errors);
                return true;

            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await ProblemWriter.Write(context, 413, "too-large", "The request body is too large",
                    $"This route accepts bodies of at most {BodyLimit.Describe(context)}.");
                return true;

            case BadHttpRequestException bad when bad.InnerException is JsonException json && !IsSyntaxError(json):
                var field = JsonPath.ToFieldName(json.Path);
                IDictionary<string, string[]>? errors = field is null ? null : new Dictionary<string, string[]>
                {
                    [field] = ["has a value of the wrong type or format."],
                };
                await ProblemWriter.Write(context, 400, "validation", "The request is not valid",
                    field is null ? "The request body is not a JSON object of the expected shape." : $"The field '{field}' could not be read.",
                    errors);
                return true;

            case BadHttpRequestException bad when bad.InnerException is JsonException:
                await ProblemWriter.Write(context, 400, "malformed-json", "The body is not valid JSON",
                    "The request body could not be parsed as JSON.");
                return true;

            case BadHttpRequestException bad:
                await ProblemWriter.Write(context, bad.StatusCode, "bad-request", "Bad request", bad.Message);
                return true;

            case var down when Unavailability.IsTransient(down):
                logger.LogWarning("{Method} {Path} answered 503: {Reason}", context.Request.Method, context.Request.Path, down.Message);
                await ProblemWriter.WriteUnavailable(context, "The cluster or its database does not answer.");
                return true;

            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                await ProblemWriter.Write(context, 500, "internal", "Internal error",
                    "The service failed to handle the request; it has been logged.");
                return true;
        }
    }

    // The reader's own errors (truncated or malformed text) carry an inner exception; value conversions do not.
    private static bool IsSyntaxError(JsonException json) =>
        json.InnerException?.GetType().Name == "JsonReaderException" || json.Path is null;
}

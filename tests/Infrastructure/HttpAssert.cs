using System.Net;
using System.Text.Json;

namespace Qase.Webhooks.Tests.Infrastructure;

public static class HttpAssert
{
    /// <summary>Asserts the status and a problem+json body; returns the problem.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string? typeSuffix = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (typeSuffix is not null)
        {
            Assert.EndsWith("/" + typeSuffix, problem.GetProperty("type").GetString());
        }
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name exactly these fields.</summary>
    public static async Task<JsonElement> Invalid(HttpResponseMessage response, params string[] fields)
    {
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var named = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(fields.Order().ToArray(), named);
        return problem;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

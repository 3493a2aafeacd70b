namespace Qase.Webhooks.Api;

/// <summary>
/// <c>Location</c> of a created resource under the projects route the caller used: <c>/v1/projects/...</c>, or
/// <c>/v1/workspaces/{workspace_id}/projects/...</c> for the admin token, with the project's code in its canonical form.
/// </summary>
public static class Locations
{
    private const string Projects = "/projects";

    public static string InProjects(HttpContext context, params string[] segments)
    {
        var path = context.Request.Path.Value ?? "";
        var end = path.IndexOf(Projects, StringComparison.Ordinal);
        var root = end < 0 ? "/v1" + Projects : path[..(end + Projects.Length)];
        return $"{context.Request.PathBase}{root}/{string.Join('/', segments.Select(Uri.EscapeDataString))}";
    }
}

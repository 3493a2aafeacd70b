namespace Qase.Webhooks.Api.Json;

public static class JsonPath
{
    /// <summary>
    /// A request field name as sent, from a System.Text.Json path: <c>$.events[1]</c> is <c>events[1]</c>,
    /// <c>$['owner_email']</c> is <c>owner_email</c>; the whole document (<c>$</c>) is <c>null</c>.
    /// </summary>
    public static string? ToFieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.Replace("['", ".").Replace("']", "").TrimStart('.');
    }
}

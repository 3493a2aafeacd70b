namespace Qase.Webhooks.Projects;

/// <summary>Server-made ids: a short prefix naming the kind, then a time-ordered random part.</summary>
public static class ResourceId
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}

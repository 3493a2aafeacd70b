namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A workspace's subscription. Webhooks are a paid feature: everything but <see cref="Free"/>.</summary>
public enum WorkspacePlan
{
    Free = 0,
    Startup = 1,
    Business = 2,
    Enterprise = 3,
}

using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Grains.Workspaces;

/// <summary>What the service's own grains ask a workspace grain (same key as its public <c>IWorkspaceGrain</c>).</summary>
[Alias("qase.IWorkspacePlanGrain")]
public interface IWorkspacePlanGrain : IGrainWithStringKey
{
    /// <summary>The workspace's plan when it has project <paramref name="code"/>; <c>null</c> when it has no such project.</summary>
    [AlwaysInterleave, Alias("GetProjectPlan")]
    Task<WorkspacePlan?> GetProjectPlan(string code);
}

using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Workspaces;

namespace Qase.Webhooks.Grains.Webhooks;

/// <summary>
/// A webhook's plan rules: managing it, test sends and its deliveries need a paid plan of its project's workspace.
/// The plan is asked for each time, never kept, so an upgrade or a downgrade holds from the next call on.
/// </summary>
/// <param name="projectPlan">The workspace's plan, or <c>null</c> when the workspace no longer has the project.</param>
public sealed class PlanGuard(string projectCode, Func<Task<WorkspacePlan?>> projectPlan)
{
    /// <summary>Refuses a change as not found when the project is gone, and as plan required on the free plan.</summary>
    public async Task EnsurePaid()
    {
        var plan = await projectPlan() ?? throw RequestRejectedException.NotFound($"Project {projectCode}");
        if (!IncludesWebhooks(plan))
        {
            throw RequestRejectedException.PlanRequired();
        }
    }

    /// <summary>Whether deliveries may go out now; a free plan's retries wait for an upgrade.</summary>
    public async Task<bool> MaySend() => await projectPlan() is { } plan && IncludesWebhooks(plan);

    /// <summary>The one rule of plans: every plan but the free one includes webhooks.</summary>
    public static bool IncludesWebhooks(WorkspacePlan plan) => plan != WorkspacePlan.Free;
}

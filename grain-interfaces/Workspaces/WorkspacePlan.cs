namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>
/// A workspace's subscription (<c>free</c>, <c>startup</c>, <c>business</c> or <c>enterprise</c> on the wire).
/// Webhooks are a paid feature: everything but <see cref="Free"/>.
/// </summary>
public enum WorkspacePlan
{
    /// <summary>
    /// No webhooks in service: creating, updating, enabling, testing, redelivering and recovering are refused with
    /// <see cref="Problems.ProblemKind.PlanRequired"/>, and events are accepted but go to no webhook.
    /// </summary>
    Free = 0,

    /// <summary>A paid plan: webhooks in full.</summary>
    Startup = 1,

    /// <summary>A paid plan: webhooks in full.</summary>
    Business = 2,

    /// <summary>A paid plan: webhooks in full.</summary>
    Enterprise = 3,
}

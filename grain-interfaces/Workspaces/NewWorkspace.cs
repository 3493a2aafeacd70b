namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>What a caller sends to create a workspace; the grain validates every field.</summary>
/// <param name="Name">Required (<c>name</c>): 1 to 255 characters, not blank.</param>
/// <param name="Plan">Required (<c>plan</c>): the workspace's subscription.</param>
/// <param name="OwnerEmail">
/// Required (<c>owner_email</c>): a valid email address, where disabling mails go for webhooks without their own
/// <c>notify_email</c>.
/// </param>
[GenerateSerializer, Immutable, Alias("qase.NewWorkspace")]
public sealed record NewWorkspace(
    [property: Id(0)] string? Name,
    [property: Id(1)] WorkspacePlan? Plan,
    [property: Id(2)] string? OwnerEmail);

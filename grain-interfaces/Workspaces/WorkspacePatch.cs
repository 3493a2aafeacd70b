namespace Qase.Webhooks.Contracts.Workspaces;

/// <summary>A partial update: <c>null</c> leaves a field as it is.</summary>
/// <param name="Name">A new name (<c>name</c>), 1 to 255 characters, not blank.</param>
/// <param name="Plan">A new plan (<c>plan</c>).</param>
/// <param name="OwnerEmail">A new owner address (<c>owner_email</c>), a valid email address.</param>
[GenerateSerializer, Immutable, Alias("qase.WorkspacePatch")]
public sealed record WorkspacePatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] WorkspacePlan? Plan,
    [property: Id(2)] string? OwnerEmail);

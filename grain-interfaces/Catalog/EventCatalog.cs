using System.Collections.Frozen;

namespace Qase.Webhooks.Contracts.Catalog;

/// <summary>
/// The event types of the product, in the order of its settings page: the types of the help centre
/// plus <c>defect.updated</c> from Qase's developer documentation. Each type's title, payload schema and example
/// are data, one JSON Schema file per type (<c>Catalog/Schemas/{name}.json</c>), embedded in this assembly.
/// </summary>
public static class EventCatalog
{
    // The settings page's groups and the order of their types; everything else about a type is in its schema file.
    private static readonly (string Group, string[] Names)[] Groups =
    [
        ("Test cases", ["case.created", "case.updated", "case.deleted", "case.cloned"]),
        ("Test suites", ["suite.created", "suite.updated", "suite.deleted", "suite.cloned"]),
        ("Test plans", ["plan.created", "plan.updated", "plan.deleted"]),
        ("Shared steps", ["shared_step.created", "shared_step.updated", "shared_step.deleted"]),
        ("Milestones", ["milestone.created", "milestone.updated", "milestone.deleted"]),
        ("Custom fields", ["custom_field.created", "custom_field.updated", "custom_field.deleted"]),
        ("Test runs", ["run.started", "run.aborted", "run.updated", "run.deleted", "run.completed", "run.report_changed"]),
        ("Defects", ["defect.created", "defect.resolved", "defect.updated", "defect.deleted"]),
        ("Reviews", ["review.created", "review.updated", "review.approval_status_changed", "review.reviewer_added",
            "review.reviewer_removed", "review.merged", "review.reopened", "review.commented", "review.declined", "review.deleted"]),
        ("Results", ["result.created", "result.updated", "result.deleted"]),
    ];

    /// <summary>The 43 event types, grouped as on the settings page; <c>GET /v1/event-types</c> lists the same.</summary>
    public static IReadOnlyList<EventType> All { get; } =
    [
        .. Groups.SelectMany(group => group.Names.Select(name =>
        {
            var (title, schema, example) = EventSchemaFiles.Load(name);
            return new EventType(name, group.Group, title, example, schema);
        })),
    ];

    private static readonly FrozenDictionary<string, EventType> ByName =
        All.ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>Finds a type by its exact wire name.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventType? type) =>
        ByName.TryGetValue(name, out type);

    /// <summary>The type of a name already checked with <see cref="IsKnown"/>.</summary>
    public static EventType Get(string name) => ByName[name];

    /// <summary>Whether <paramref name="name"/> is an event type's wire name (exact and case-sensitive).</summary>
    public static bool IsKnown(string name) => ByName.ContainsKey(name);
}

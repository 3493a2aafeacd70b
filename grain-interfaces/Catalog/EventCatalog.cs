using System.Collections.Frozen;

namespace Qase.Webhooks.Contracts.Catalog;

/// <summary>
/// The event types of the product, in the order of its settings page: the types of the help centre
/// plus <c>defect.updated</c> from Qase's developer documentation.
/// </summary>
public static class EventCatalog
{
    /// <summary>The 43 event types, grouped as on the settings page; <c>GET /v1/event-types</c> lists the same.</summary>
    public static IReadOnlyList<EventType> All { get; } =
    [
        new("case.created", "Test cases", "Create test case",
            """{"id":12,"title":"Login with valid credentials","description":"User signs in with a known account","preconditions":"The account exists","postconditions":null,"severity":"major","priority":"high","type":"functional","layer":"e2e","is_flaky":false,"behavior":"positive","automation":"automated","status":"actual","suite_id":3,"milestone_id":null,"steps":[{"action":"Open the login page","expected_result":"The form is shown","data":null}]}"""),
        new("case.updated", "Test cases", "Update test case",
            """{"id":12,"title":"Login with valid credentials","severity":"critical","priority":"high","status":"actual","suite_id":3}"""),
        new("case.deleted", "Test cases", "Delete test case", """{"id":12}"""),
        new("case.cloned", "Test cases", "Clone test case", """{"id":13,"from_id":12}"""),

        new("suite.created", "Test suites", "Create test suite",
            """{"id":3,"title":"Authentication","description":"Sign-in and sign-out","preconditions":null,"parent_id":null}"""),
        new("suite.updated", "Test suites", "Update test suite",
            """{"id":3,"title":"Authentication and sessions","description":"Sign-in, sign-out and session expiry","preconditions":null,"parent_id":null}"""),
        new("suite.deleted", "Test suites", "Delete test suite", """{"id":3}"""),
        new("suite.cloned", "Test suites", "Clone test suite", """{"id":4,"from_id":3}"""),

        new("plan.created", "Test plans", "Create test plan",
            """{"id":7,"title":"Release 2.4 regression","description":"Everything touched by 2.4","cases":[12,13,21]}"""),
        new("plan.updated", "Test plans", "Update test plan",
            """{"id":7,"title":"Release 2.4 regression","description":"Everything touched by 2.4","cases":[12,13,21,22]}"""),
        new("plan.deleted", "Test plans", "Delete test plan", """{"id":7}"""),

        new("shared_step.created", "Shared steps", "Create shared step",
            """{"hash":"0f8a2c1e9b7d4a6f3c5e8b1d2a4f6c8e0b3d5f7a","title":"Sign in as admin","action":"Enter the admin credentials and submit","expected_result":"The dashboard opens","data":null}"""),
        new("shared_step.updated", "Shared steps", "Update shared step",
            """{"hash":"0f8a2c1e9b7d4a6f3c5e8b1d2a4f6c8e0b3d5f7a","title":"Sign in as administrator","action":"Enter the admin credentials and submit","expected_result":"The dashboard opens","data":null}"""),
        new("shared_step.deleted", "Shared steps", "Delete shared step", """{"hash":"0f8a2c1e9b7d4a6f3c5e8b1d2a4f6c8e0b3d5f7a"}"""),

        new("milestone.created", "Milestones", "Create milestone",
            """{"id":5,"title":"Release 2.4","description":"Spring release","status":"active","due_date":1651363200}"""),
        new("milestone.updated", "Milestones", "Update milestone",
            """{"id":5,"title":"Release 2.4","description":"Spring release, moved one week","status":"active","due_date":1651968000}"""),
        new("milestone.deleted", "Milestones", "Delete milestone", """{"id":5}"""),

        new("custom_field.created", "Custom fields", "Create custom field",
            """{"id":9,"title":"Component","type":"selectbox","entity":"case","is_required":false,"default_value":null,"value":[{"id":1,"title":"Web"},{"id":2,"title":"Mobile"}]}"""),
        new("custom_field.updated", "Custom fields", "Update custom field",
            """{"id":9,"title":"Component","type":"selectbox","entity":"case","is_required":true,"default_value":"1","value":[{"id":1,"title":"Web"},{"id":2,"title":"Mobile"},{"id":3,"title":"API"}]}"""),
        new("custom_field.deleted", "Custom fields", "Delete custom field", """{"id":9}"""),

        new("run.started", "Test runs", "Test run start",
            """{"id":2,"title":"Nightly regression","description":null,"environment_id":null,"milestone_id":5,"plan_id":7,"cases_count":14}"""),
        new("run.aborted", "Test runs", "Test run aborted", """{"id":2}"""),
        new("run.updated", "Test runs", "Test cases added to run", """{"id":2,"cases":[12,13]}"""),
        new("run.deleted", "Test runs", "Delete test run", """{"id":2}"""),
        new("run.completed", "Test runs", "Complete test run",
            """{"id":2,"cases":14,"passed":14,"failed":0,"blocked":0,"duration":0}"""),
        new("run.report_changed", "Test runs", "Public link turned on", """{"id":2,"visible":true}"""),

        new("defect.created", "Defects", "Create defect",
            """{"id":31,"title":"Login button does nothing on Safari","actual_result":"Nothing happens after a click","severity":"major","status":"open","milestone_id":null}"""),
        new("defect.resolved", "Defects", "Resolve defect", """{"id":31}"""),
        new("defect.updated", "Defects", "Update defect",
            """{"id":31,"title":"Login button does nothing on Safari 17","actual_result":"Nothing happens after a click","severity":"critical","status":"in_progress"}"""),
        new("defect.deleted", "Defects", "Delete defect", """{"id":31}"""),

        new("review.created", "Reviews", "Create test review",
            """{"id":4,"title":"Review of the login cases","description":null,"status":"open","author_id":40,"cases":[12,13]}"""),
        new("review.updated", "Reviews", "Update test review",
            """{"id":4,"title":"Review of the login and logout cases","description":null,"status":"open"}"""),
        new("review.approval_status_changed", "Reviews", "Approval status change",
            """{"id":4,"reviewer_id":41,"approval_status":"approved"}"""),
        new("review.reviewer_added", "Reviews", "Reviewer added", """{"id":4,"reviewer_id":41}"""),
        new("review.reviewer_removed", "Reviews", "Reviewer removed", """{"id":4,"reviewer_id":41}"""),
        new("review.merged", "Reviews", "Merge test review", """{"id":4}"""),
        new("review.reopened", "Reviews", "Reopen test review", """{"id":4}"""),
        new("review.commented", "Reviews", "Comment test review",
            """{"id":4,"comment_id":88,"comment":"Step 3 needs an expected result","author_id":41}"""),
        new("review.declined", "Reviews", "Decline test review", """{"id":4}"""),
        new("review.deleted", "Reviews", "Delete test review", """{"id":4}"""),

        new("result.created", "Results", "Create test run results",
            """{"hash":"6efce6e4f9f5d3b7c2a1e0d9c8b7a6f5e4d3c2b1","run_id":2,"case_id":12,"status":"passed","time_ms":1840,"comment":null,"defect":false}"""),
        new("result.updated", "Results", "Update test run results",
            """{"hash":"6efce6e4f9f5d3b7c2a1e0d9c8b7a6f5e4d3c2b1","run_id":2,"case_id":12,"status":"failed","time_ms":1840,"comment":"Timed out on step 2","defect":true}"""),
        new("result.deleted", "Results", "Delete test run results",
            """{"hash":"6efce6e4f9f5d3b7c2a1e0d9c8b7a6f5e4d3c2b1","run_id":2}"""),
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

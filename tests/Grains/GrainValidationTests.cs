using Qase.Webhooks.Contracts.Events;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Routing;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Grains;

/// <summary>Grain callers get the same checks as REST callers, every bad field keyed by its wire name.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainValidationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Creating_a_webhook_names_every_bad_field_by_its_wire_name()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => grain.Create(new NewWebhook(
            Title: new string('t', 256),
            Url: "ftp://ci.example.com/hook",
            Secret: "line\nbreak",
            Events: ["run.completed", "run.exploded", null],
            NotifyEmail: "not-an-address")));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.NotNull(refused.Errors);
        Assert.Equal(["events[1]", "events[2]", "notify_email", "secret", "title", "url"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(refused.Errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
        Assert.Contains("run.exploded", refused.Errors["events[1]"][0]);
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task Creating_a_webhook_without_fields_names_the_required_ones()
    {
        var workspaceId = await fixture.CreateProject();
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            Webhook(workspaceId, ResourceId.New("wh")).Create(new NewWebhook(null, null, null, null)));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.Equal(["events", "title", "url"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Updating_a_webhook_names_the_bad_fields_and_changes_nothing()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        var before = await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", "s3cret", ["run.completed"]));

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => grain.Update(new WebhookPatch
        {
            Title = "",
            Url = "https://user:pass@ci.example.com/hook",
            Secret = "",
            Events = [],
            NotifyEmail = "nobody",
        }));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.Equal(["events", "notify_email", "secret", "title", "url"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
        var after = await grain.Get();
        Assert.Equal(before.Title, after!.Title);
        Assert.Equal(before.Url, after.Url);
        Assert.Equal(before.Events, after.Events);
        Assert.True(after.HasSecret);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Creating_a_workspace_names_every_bad_field()
    {
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws")).Create(new NewWorkspace(" ", null, "owner-at-example.com")));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.Equal(["name", "owner_email", "plan"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Undefined_plan_value_is_refused_like_an_unknown_plan_name()
    {
        var undefined = (WorkspacePlan)42;
        var grain = Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));

        var create = await Assert.ThrowsAsync<RequestRejectedException>(() => grain.Create(new NewWorkspace("Acme", undefined, "owner@example.com")));
        Assert.Equal(ProblemKind.Validation, create.Kind);
        Assert.Equal(["plan"], create.Errors!.Keys);
        Assert.Null(await grain.Get());

        var workspace = await fixture.CreateWorkspace(WorkspacePlan.Free);
        var update = await Assert.ThrowsAsync<RequestRejectedException>(() => workspace.Update(new WorkspacePatch(null, undefined, null)));
        Assert.Equal(ProblemKind.Validation, update.Kind);
        Assert.Equal(["plan"], update.Errors!.Keys);
        Assert.Equal(WorkspacePlan.Free, (await workspace.Get())!.Plan);
    }

    [Fact]
    public async Task Creating_a_project_names_the_bad_code_and_title()
    {
        var workspace = await fixture.CreateWorkspace();

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => workspace.CreateProject(new NewProject("1-BAD", "")));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.Equal(["code", "title"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await workspace.ListProjects());
    }

    [Fact]
    public async Task A_project_code_taken_in_any_case_is_a_conflict()
    {
        var workspace = await fixture.CreateWorkspace();
        var created = await workspace.CreateProject(new NewProject("demo", "Demo"));
        Assert.Equal("DEMO", created.Code);

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => workspace.CreateProject(new NewProject("Demo", "Again")));

        Assert.Equal(ProblemKind.Conflict, refused.Kind);
        Assert.Null(refused.Errors);
        Assert.Equal("Demo", Assert.Single(await workspace.ListProjects()).Title);
    }

    [Fact]
    public async Task Creating_what_exists_already_is_a_conflict()
    {
        var workspace = await fixture.CreateWorkspace();
        var again = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            workspace.Create(new NewWorkspace("Other", WorkspacePlan.Free, "other@example.com")));
        Assert.Equal(ProblemKind.Conflict, again.Kind);
        Assert.Equal(WorkspacePlan.Startup, (await workspace.Get())!.Plan);

        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        await grain.Create(new NewWebhook("First", "https://ci.example.com/hook", null, ["run.completed"]));
        var twice = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            grain.Create(new NewWebhook("Second", "https://ci.example.com/hook", null, ["case.created"])));
        Assert.Equal(ProblemKind.Conflict, twice.Kind);
        Assert.Equal("First", (await grain.Get())!.Title);
    }

    [Fact]
    public async Task Calls_on_a_missing_workspace_are_refused_as_not_found()
    {
        var missing = Client.GetGrain<IWorkspaceGrain>(ResourceId.New("ws"));

        Assert.Null(await missing.Get());
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(missing.ListProjects)).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(missing.IssueToken)).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(() =>
            missing.Update(new WorkspacePatch("New name", null, null)))).Kind);
        Assert.Null(await missing.Get());
    }

    [Fact]
    public async Task Calls_on_a_missing_webhook_are_refused_as_not_found()
    {
        var workspaceId = await fixture.CreateProject();
        var missing = Webhook(workspaceId, ResourceId.New("wh"));

        Assert.Null(await missing.Get());
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(missing.Enable)).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(missing.Disable)).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(missing.Delete)).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(() =>
            missing.Update(new WebhookPatch { Title = "x" }))).Kind);
    }

    [Fact]
    public async Task A_grain_caller_s_payload_that_is_not_one_json_object_is_refused_naming_it()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, "DEMO"));

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => router.Publish([
            new EventSubmission("run.completed", """{"id":1}"""u8.ToArray()),
            new EventSubmission("run.completed", """{"id":"""u8.ToArray()),
            new EventSubmission("run.completed", """[1,2]"""u8.ToArray()),
            new EventSubmission("run.completed", """{"id":1} {"id":2}"""u8.ToArray()),
            new EventSubmission("run.completed", default),
        ]));

        Assert.Equal(ProblemKind.Validation, refused.Kind);
        Assert.Equal(["events[1].payload", "events[2].payload", "events[3].payload", "events[4].payload"],
            refused.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_payload_marked_as_read_by_the_caller_is_read_again_when_it_comes_from_another_process()
    {
        var workspaceId = await fixture.CreateProject();
        var router = Client.GetGrain<IProjectEventRouterGrain>(GrainKeys.Project(workspaceId, "DEMO"));

        // The mark does not travel: only a caller in the router's own process can spare it the read.
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            router.PublishOne(new EventSubmission("run.completed", """{"id":"""u8.ToArray()) { PayloadReadAsObject = true }));

        Assert.Equal(["payload"], refused.Errors!.Keys);
    }

    private IWebhookGrain Webhook(string workspaceId, string id) =>
        Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, "DEMO", id));
}

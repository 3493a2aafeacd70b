using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Grains.Workspaces;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Grains;

/// <summary>What the grains keep survives deactivation: a new activation reads the same values from storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StateRoundTripTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Workspace_its_tokens_and_projects_are_read_back_after_deactivation()
    {
        var workspace = await fixture.CreateWorkspace(WorkspacePlan.Startup);
        var updated = await workspace.Update(new WorkspacePatch("Renamed", WorkspacePlan.Enterprise, "boss@example.com"));
        var token = await workspace.IssueToken();
        await workspace.CreateProject(new NewProject("QA2", "Second"));
        await workspace.CreateProject(new NewProject("demo", "Demo"));
        var tokens = await workspace.ListTokens();
        var projects = await workspace.ListProjects();

        await Deactivate(workspace);

        Assert.Equal(updated, await workspace.Get());
        Assert.Equal("Renamed", updated.Name);
        Assert.Equal(WorkspacePlan.Enterprise, updated.Plan);
        Assert.Equal("boss@example.com", updated.OwnerEmail);
        Assert.Equal(tokens, await workspace.ListTokens());
        Assert.Equal(2, tokens.Count);
        Assert.Contains(token.Id, tokens.Select(t => t.Id));
        Assert.Equal(projects, await workspace.ListProjects());
        Assert.Equal(["DEMO", "QA2"], projects.Select(p => p.Code));
        Assert.Equal("Demo", (await workspace.GetProject("Demo"))!.Title);
    }

    [Fact]
    public async Task Token_index_is_read_back_after_deactivation_and_forgets_a_revoked_token()
    {
        var workspace = await fixture.CreateWorkspace();
        var kept = await workspace.IssueToken();
        var revoked = await workspace.IssueToken();
        var keptIndex = Client.GetGrain<ITokenGrain>(TokenHash.Of(kept.Token));
        var revokedIndex = Client.GetGrain<ITokenGrain>(TokenHash.Of(revoked.Token));
        Assert.Equal(new TokenOwner(workspace.GetPrimaryKeyString(), revoked.Id), await revokedIndex.Resolve());

        await workspace.RevokeToken(revoked.Id);
        Assert.Null(await revokedIndex.Resolve());
        await Deactivate(keptIndex, revokedIndex, workspace);

        Assert.Equal(new TokenOwner(workspace.GetPrimaryKeyString(), kept.Id), await keptIndex.Resolve());
        Assert.Null(await revokedIndex.Resolve());
        Assert.DoesNotContain(revoked.Id, (await workspace.ListTokens()).Select(t => t.Id));
    }

    [Fact]
    public async Task Tokens_are_kept_as_hashes_and_resolve_only_their_own_workspace()
    {
        var first = await fixture.CreateWorkspace();
        var second = await fixture.CreateWorkspace();
        var token = await first.IssueToken();

        Assert.StartsWith("qase_", token.Token);
        Assert.True(token.Token.Length >= 5 + 22, "a token carries at least 128 random bits");
        Assert.Equal(64, TokenHash.Of(token.Token).Length);
        Assert.Equal(first.GetPrimaryKeyString(), (await Client.GetGrain<ITokenGrain>(TokenHash.Of(token.Token)).Resolve())!.WorkspaceId);
        Assert.Null(await Client.GetGrain<ITokenGrain>(TokenHash.Of(token.Token + "x")).Resolve());
        Assert.DoesNotContain(token.Id, (await second.ListTokens()).Select(t => t.Id));
    }

    [Fact]
    public async Task Webhook_is_read_back_after_deactivation_with_every_field()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", "s3cret", ["run.completed", "case.created"],
            NotifyEmail: "dev@example.com"));
        var before = await grain.Disable();

        await Deactivate(grain);
        var after = await grain.Get();

        Assert.NotNull(after);
        AssertSame(before, after);
        Assert.Equal("CI", after.Title);
        Assert.Equal("https://ci.example.com/hook", after.Url);
        Assert.Equal(["run.completed", "case.created"], after.Events);
        Assert.True(after.HasSecret);
        Assert.Equal("dev@example.com", after.NotifyEmail);
        Assert.False(after.Enabled);
        Assert.Equal(DisabledReason.Manual, after.DisabledReason);
        Assert.NotNull(after.DisabledAt);
    }

    [Fact]
    public async Task Signature_scheme_key_pair_and_rotation_are_read_back_after_deactivation()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        var created = await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", "s3cret", ["run.completed"], SignatureScheme: "ed25519"));
        var rotated = await grain.RotateSecret(new SecretRotation(null, TimeSpan.FromHours(2)));

        await Deactivate(grain);
        var after = await grain.Get();

        AssertSame(rotated.Webhook, after!);
        Assert.Equal(SignatureScheme.Ed25519, after!.SignatureScheme);
        Assert.StartsWith("whpk_", after.PublicKey);
        Assert.NotEqual(created.PublicKey, after.PublicKey);
        Assert.NotNull(after.SecretRotationEndsAt);
    }

    [Fact]
    public async Task Removed_secret_and_email_stay_removed_after_deactivation()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", "s3cret", ["run.completed"], NotifyEmail: "dev@example.com"));
        var before = await grain.Update(new WebhookPatch { RemoveSecret = true, RemoveNotifyEmail = true, Title = "Renamed" });

        await Deactivate(grain);
        var after = await grain.Get();

        AssertSame(before, after!);
        Assert.False(after!.HasSecret);
        Assert.Null(after.NotifyEmail);
        Assert.Equal("Renamed", after.Title);
    }

    [Fact]
    public async Task Router_rebuilds_its_subscriptions_from_storage_after_deactivation()
    {
        var workspaceId = await fixture.CreateProject();
        var enabled = await Webhook(workspaceId, ResourceId.New("wh"))
            .Create(new NewWebhook("A", "https://a.example.com/hook", null, ["run.completed", "case.created"]));
        var disabled = await Webhook(workspaceId, ResourceId.New("wh"))
            .Create(new NewWebhook("B", "https://b.example.com/hook", null, ["run.completed"], Enabled: false));
        var router = Client.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(workspaceId, "DEMO"));

        await Deactivate(router);

        Assert.Equal(new[] { enabled.Id, disabled.Id }.Order(StringComparer.Ordinal), await router.GetWebhookIds());
        Assert.Equal([enabled.Id], await router.GetSubscribers("run.completed"));
        Assert.Equal([enabled.Id], await router.GetSubscribers("case.created"));
    }

    [Fact]
    public async Task Deleted_webhook_stays_deleted_after_deactivation()
    {
        var workspaceId = await fixture.CreateProject();
        var grain = Webhook(workspaceId, ResourceId.New("wh"));
        await grain.Create(new NewWebhook("CI", "https://ci.example.com/hook", null, ["run.completed"]));
        await grain.Delete();
        var router = Client.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(workspaceId, "DEMO"));

        await Deactivate(grain, router);

        Assert.Null(await grain.Get());
        Assert.Empty(await router.GetWebhookIds());
    }

    private async Task Deactivate(params IAddressable[] grains)
    {
        foreach (var grain in grains)
        {
            await fixture.Cluster.DeactivateAsync(grain);
            Assert.False(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), $"{grain.GetGrainId()} is still active");
        }
    }

    private static void AssertSame(Webhook expected, Webhook actual)
    {
        Assert.Equal(expected with { Events = [] }, actual with { Events = [] });
        Assert.Equal(expected.Events, actual.Events);
    }

    private IWebhookGrain Webhook(string workspaceId, string id) =>
        Client.GetGrain<IWebhookGrain>(GrainKeys.Webhook(workspaceId, "DEMO", id));
}

using System.Buffers.Text;
using System.Security.Cryptography;
using Qase.Webhooks.Contracts.Problems;
using Qase.Webhooks.Contracts.Projects;
using Qase.Webhooks.Contracts.Webhooks;
using Qase.Webhooks.Contracts.Workspaces;
using Qase.Webhooks.Grains.Clock;
using Qase.Webhooks.Grains.Delivery;
using Qase.Webhooks.Grains.Routing;
using Qase.Webhooks.Grains.Storage;
using Qase.Webhooks.Grains.Validation;

namespace Qase.Webhooks.Grains.Workspaces;

public sealed class WorkspaceGrain(
    [PersistentState("workspace", StorageNames.Default)] IPersistentState<WorkspaceState> state,
    IDeliveryStore deliveries,
    TimeProvider clock) : Grain, IWorkspaceGrain, IWorkspacePlanGrain
{
    private WorkspaceState Data => state.State;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public async Task<CreatedWorkspace> Create(NewWorkspace workspace)
    {
        if (state.RecordExists)
        {
            throw new RequestRejectedException(ProblemKind.Conflict, $"Workspace {WorkspaceId} exists already.");
        }
        var errors = new ValidationErrors();
        FieldRules.Title(errors, "name", workspace.Name);
        if (workspace.Plan is not { } plan || !Enum.IsDefined(plan))
        {
            errors.Add("plan", "is required: free, startup, business or enterprise.");
        }
        FieldRules.Email(errors, "owner_email", workspace.OwnerEmail, required: true);
        errors.ThrowIfAny();

        Data.Name = workspace.Name!;
        Data.Plan = workspace.Plan!.Value;
        Data.OwnerEmail = workspace.OwnerEmail!;
        Data.CreatedAt = clock.UtcNowMs();
        var token = await IssueTokenCore();
        return new CreatedWorkspace(ToView(), token);
    }

    public Task<Workspace?> Get() => Task.FromResult(state.RecordExists ? ToView() : null);

    public async Task<Workspace> Update(WorkspacePatch patch)
    {
        EnsureExists();
        var errors = new ValidationErrors();
        if (patch.Name is not null)
        {
            FieldRules.Title(errors, "name", patch.Name);
        }
        if (patch.OwnerEmail is not null)
        {
            FieldRules.Email(errors, "owner_email", patch.OwnerEmail, required: false);
        }
        if (patch.Plan is { } plan && !Enum.IsDefined(plan))
        {
            errors.Add("plan", "must be free, startup, business or enterprise.");
        }
        errors.ThrowIfAny();

        var upgraded = Data.Plan == WorkspacePlan.Free && patch.Plan is { } newPlan && newPlan != WorkspacePlan.Free;
        Data.Name = patch.Name ?? Data.Name;
        Data.Plan = patch.Plan ?? Data.Plan;
        Data.OwnerEmail = patch.OwnerEmail ?? Data.OwnerEmail;
        await state.WriteStateAsync();
        if (upgraded)
        {
            await deliveries.ResumeWorkspace(WorkspaceId); // the paused retries go out with the next sweep
        }
        return ToView();
    }

    public Task<IssuedToken> IssueToken()
    {
        EnsureExists();
        return IssueTokenCore();
    }

    public Task<IReadOnlyList<TokenInfo>> ListTokens()
    {
        EnsureExists();
        IReadOnlyList<TokenInfo> tokens = Data.Tokens
            .Select(t => new TokenInfo(t.Key, t.Value.CreatedAt))
            .OrderBy(t => t.CreatedAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(tokens);
    }

    public async Task RevokeToken(string tokenId)
    {
        EnsureExists();
        if (!Data.Tokens.TryGetValue(tokenId, out var token))
        {
            throw RequestRejectedException.NotFound($"Token {tokenId}");
        }
        // The index goes first, so the token stops working even if the write below fails; the record goes only
        // once both writes are done, so a revocation that failed half-way is still listed and can be repeated.
        await GrainFactory.GetGrain<ITokenGrain>(token.Hash).Revoke();
        Data.Tokens.Remove(tokenId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            Data.Tokens[tokenId] = token;
            throw;
        }
    }

    public async Task<Project> CreateProject(NewProject project)
    {
        EnsureExists();
        var errors = new ValidationErrors();
        if (!ProjectCode.IsValid(project.Code))
        {
            errors.Add("code", "must be 2 to 10 Latin letters and digits, starting with a letter.");
        }
        FieldRules.Title(errors, "title", project.Title);
        errors.ThrowIfAny();

        var code = ProjectCode.Normalize(project.Code!);
        if (Data.Projects.ContainsKey(code))
        {
            throw new RequestRejectedException(ProblemKind.Conflict, $"Project {code} exists already in this workspace.");
        }
        var record = new ProjectRecord(project.Title!, clock.UtcNowMs());
        Data.Projects[code] = record;
        await state.WriteStateAsync();
        return new Project(code, record.Title, record.CreatedAt);
    }

    public Task<Project?> GetProject(string code) => Task.FromResult(Find(code));

    public Task<WorkspacePlan?> GetProjectPlan(string code) => Task.FromResult(Find(code) is null ? null : (WorkspacePlan?)Data.Plan);

    public Task<IReadOnlyList<Project>> ListProjects()
    {
        EnsureExists();
        IReadOnlyList<Project> projects = Data.Projects
            .Select(p => new Project(p.Key, p.Value.Title, p.Value.CreatedAt))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(projects);
    }

    public async Task DeleteProject(string code)
    {
        EnsureExists();
        var normalized = (Find(code) ?? throw RequestRejectedException.NotFound($"Project {code}")).Code;
        // Each webhook leaves the router as it is deleted; the router forgets its routes only once all are gone,
        // so a deletion that fails half-way can be repeated and finds the webhooks it left.
        var router = GrainFactory.GetGrain<IProjectRoutesGrain>(GrainKeys.Project(WorkspaceId, normalized));
        await Task.WhenAll((await router.GetWebhookIds()).Select(id => DeleteWebhook(normalized, id)));
        await router.Detach();
        Data.Projects.Remove(normalized);
        await state.WriteStateAsync();
    }

    private async Task DeleteWebhook(string code, string webhookId)
    {
        try
        {
            await GrainFactory.GetGrain<IWebhookGrain>(GrainKeys.Webhook(WorkspaceId, code, webhookId)).Delete();
        }
        catch (RequestRejectedException gone) when (gone.Kind == ProblemKind.NotFound)
        {
            // A route left behind by an earlier, interrupted deletion: the webhook is gone already.
        }
    }

    private async Task<IssuedToken> IssueTokenCore()
    {
        var token = new IssuedToken(
            ResourceId.New("tok"),
            "qase_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            clock.UtcNowMs());
        var hash = TokenHash.Of(token.Token);
        // Recorded before it is bound, so a token that works can always be listed and revoked.
        Data.Tokens[token.Id] = new TokenRecord(hash, token.CreatedAt);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITokenGrain>(hash).Bind(new TokenOwner(WorkspaceId, token.Id));
        return token;
    }

    /// <summary>The project under this code in any case, or <c>null</c> (also for a code that cannot exist).</summary>
    private Project? Find(string code)
    {
        if (!state.RecordExists || !ProjectCode.IsValid(code))
        {
            return null;
        }
        var normalized = ProjectCode.Normalize(code);
        return Data.Projects.TryGetValue(normalized, out var project) ? new Project(normalized, project.Title, project.CreatedAt) : null;
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw RequestRejectedException.NotFound($"Workspace {WorkspaceId}");
        }
    }

    private Workspace ToView() => new(WorkspaceId, Data.Name, Data.Plan, Data.OwnerEmail, Data.CreatedAt);
}

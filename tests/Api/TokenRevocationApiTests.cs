using System.Net;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>DELETE of a token through the API, with the token's storage write failing once: the caller repeats it and it completes.</summary>
[Trait("Category", "Slow")]
public sealed class TokenRevocationApiTests : IAsyncLifetime
{
    private readonly StorageFaults _faults = new();
    private ApiServer _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiServer(new Dictionary<string, string?>(), services => FaultyGrainStorage.Decorate(services, _faults));
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_revocation_that_failed_half_way_is_repeated_with_204_and_then_answers_404()
    {
        var (workspaceId, workspace) = await _api.CreateWorkspace();
        using var admin = _api.Client();
        var tokenId = JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{workspaceId}/tokens")))
            .Single().GetProperty("id").GetString();

        _faults.FailNext("token", StorageOperation.Clear);
        var failed = await admin.DeleteAsync($"/v1/workspaces/{workspaceId}/tokens/{tokenId}");
        Assert.False(failed.IsSuccessStatusCode);

        // Nothing half-done shows: the token still works and is still listed, so the caller simply repeats.
        await HttpAssert.Json(await workspace.GetAsync("/v1/projects"));
        Assert.Single(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{workspaceId}/tokens"))));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/workspaces/{workspaceId}/tokens/{tokenId}")).StatusCode);
        await HttpAssert.Problem(await workspace.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty(JsonAssert.Items(await HttpAssert.Json(await admin.GetAsync($"/v1/workspaces/{workspaceId}/tokens"))));
        await HttpAssert.Problem(await admin.DeleteAsync($"/v1/workspaces/{workspaceId}/tokens/{tokenId}"), HttpStatusCode.NotFound);
    }
}

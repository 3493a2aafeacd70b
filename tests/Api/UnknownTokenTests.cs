using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>Requests with made-up tokens are refused without leaving anything behind in the cluster.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnknownTokenTests(ApiServer server)
{
    [Fact]
    public async Task Unknown_tokens_do_not_pile_up_token_grain_activations()
    {
        var before = await TokenGrainActivations();

        for (var i = 0; i < 40; i++)
        {
            using var client = server.Client("qase_" + Guid.NewGuid().ToString("N"));
            await HttpAssert.Problem(await client.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        }

        await Eventually.Value(TokenGrainActivations, count => count <= before, TimeSpan.FromSeconds(15),
            $"token grain activations back to {before}");
    }

    [Fact]
    public async Task A_known_token_keeps_working_after_unknown_ones_were_refused()
    {
        var (_, workspace) = await server.CreateWorkspace();
        var token = workspace.DefaultRequestHeaders.GetValues("Token").Single();
        using var wrong = server.Client(token + "x");
        await HttpAssert.Problem(await wrong.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");
        await HttpAssert.Problem(await wrong.GetAsync("/v1/projects"), HttpStatusCode.Unauthorized, "unauthorized");

        await HttpAssert.Json(await workspace.GetAsync("/v1/projects"));
    }

    private async Task<int> TokenGrainActivations()
    {
        var management = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("TokenGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}

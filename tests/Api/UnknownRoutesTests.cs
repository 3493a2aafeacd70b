using System.Net;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class UnknownRoutesTests(ApiServer server)
{
    [Theory]
    [InlineData("/v1")]
    [InlineData("/v1/nothing")]
    [InlineData("/v2/projects")]
    [InlineData("/v1/projects/DEMO/nothing")]
    [InlineData("/v1/projects/DEMO/webhooks/wh_1/nothing")]
    [InlineData("/v1/workspaces/ws_1/nothing")]
    [InlineData("/v1/event-types/case.created/more")]
    public async Task Unknown_route_answers_404(string path)
    {
        var (_, client) = await server.CreateProject("DEMO");
        using var anonymous = server.Client(token: null);

        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(path, JsonAssert.Raw("{}"))).StatusCode);
    }

    [Fact]
    public async Task Unknown_route_answers_a_problem()
    {
        var (_, client) = await server.CreateWorkspace();
        await HttpAssert.Problem(await client.GetAsync("/v1/nothing"), HttpStatusCode.NotFound);
    }
}

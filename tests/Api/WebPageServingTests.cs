using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class WebPageServingTests(ApiServer server)
{
    [Fact]
    public async Task The_page_and_its_files_need_no_token_and_forbid_foreign_scripts()
    {
        using var anonymous = server.Client(token: null);

        var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("js/main.js", await page.Content.ReadAsStringAsync());
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);

        var script = await anonymous.GetAsync("/js/main.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(script.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/js/missing.js")).StatusCode);
    }

    [Fact]
    public async Task Serving_the_page_changes_no_rule_of_the_api()
    {
        using var anonymous = server.Client(token: null);
        using var basic = server.Client(token: null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{ApiServer.AdminToken}")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/dashboard/")).StatusCode);
        // A browser's remembered dashboard password is no token of the API's (SPEC §4).
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/v1/workspaces/ws_none")).StatusCode);
    }
}

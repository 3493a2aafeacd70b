using Microsoft.Extensions.FileProviders;

namespace Qase.Webhooks.Api.Web;

/// <summary>
/// The admins' page at <c>/</c>: static files from <c>wwwroot</c> beside the assembly, served before routing and
/// authentication, so they need no token; the page itself calls only the REST API with the token it holds.
/// </summary>
public static class WebPage
{
    // The page builds every element with textContent, and this policy makes sure nothing else can run on it.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication UseWebPage(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            // A host built without the page's files (a tool embedding the API) still serves the API.
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidated on every load (the ETag makes that cheap), so an upgrade is never half-applied.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }
            },
        });
        return app;
    }
}

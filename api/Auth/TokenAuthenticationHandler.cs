using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Qase.Webhooks.Api.Problems;
using Qase.Webhooks.Grains.Workspaces;

namespace Qase.Webhooks.Api.Auth;

/// <summary>
/// Reads the token from <c>Token:</c>, <c>Authorization: Bearer</c>, or (so a browser can open the
/// dashboard) the password of HTTP Basic, and maps it to the admin or to one workspace.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminToken adminToken,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Longer values are not tokens of ours; refusing them early keeps junk out of grain keys.
    private const int MaxTokenLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (token.Length > MaxTokenLength)
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }
        if (adminToken.Matches(token))
        {
            return Success(new Claim(ClaimTypes.Role, QaseClaims.AdminRole));
        }
        var owner = await grains.GetGrain<ITokenGrain>(TokenHash.Of(token)).Resolve();
        return owner is null
            ? AuthenticateResult.Fail("The token is not valid.")
            : Success(new Claim(QaseClaims.WorkspaceId, owner.WorkspaceId));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments("/dashboard"))
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"Qase webhooks\", charset=\"UTF-8\"";
        }
        return ProblemWriter.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized",
            "Send a valid token in the Token header or as Authorization: Bearer <token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            "This route needs the admin token.");

    private AuthenticateResult Success(Claim claim)
    {
        var identity = new ClaimsIdentity([claim], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static string? ReadToken(HttpRequest request)
    {
        var token = request.Headers["Token"].ToString();
        if (token.Length > 0)
        {
            return token.Trim();
        }
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
        {
            return null;
        }
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter.Trim();
        }
        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = pair.IndexOf(':');
                return colon < 0 ? null : pair[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}

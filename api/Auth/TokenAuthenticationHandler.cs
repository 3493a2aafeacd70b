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
/// dashboard) the password of HTTP Basic, and maps it to the admin or to one workspace. Basic counts on
/// <c>/dashboard</c> only: a browser replays remembered Basic credentials to any page of the host, so on the
/// API they would let another site's form act as the admin.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminToken adminToken,
    UnknownTokenCache unknownTokens,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Longer values are not tokens of ours; refusing them early keeps junk out of grain keys.
    private const int MaxTokenLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, basic) = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (basic && !IsDashboard)
        {
            return AuthenticateResult.Fail("HTTP Basic authentication is accepted on /dashboard only.");
        }
        if (token.Length is 0 or > MaxTokenLength)
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }
        if (adminToken.Matches(token))
        {
            return Success(new Claim(ClaimTypes.Role, QaseClaims.AdminRole));
        }
        var hash = TokenHash.Of(token);
        if (unknownTokens.IsUnknown(hash))
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }
        var owner = await grains.GetGrain<ITokenGrain>(hash).Resolve();
        if (owner is null)
        {
            unknownTokens.Remember(hash);
            return AuthenticateResult.Fail("The token is not valid.");
        }
        return Success(new Claim(QaseClaims.WorkspaceId, owner.WorkspaceId));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsDashboard)
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

    private bool IsDashboard => Request.Path.StartsWithSegments("/dashboard");

    /// <summary>The token sent, and whether it came as the password of HTTP Basic.</summary>
    private static (string? Token, bool Basic) ReadToken(HttpRequest request)
    {
        var token = request.Headers["Token"].ToString();
        if (token.Length > 0)
        {
            return (token.Trim(), false);
        }
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
        {
            return (null, false);
        }
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return (header.Parameter.Trim(), false);
        }
        // Basic only where a browser needs it: elsewhere a remembered dashboard password must not open the API.
        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && request.Path.StartsWithSegments("/dashboard"))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = pair.IndexOf(':');
                return (colon < 0 ? "" : pair[(colon + 1)..], true);
            }
            catch (FormatException)
            {
                return ("", true);
            }
        }
        return (null, false);
    }
}

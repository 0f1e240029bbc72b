using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Infrastructure;

/// <summary>
/// Authenticates a browser by its opaque session cookie against <see cref="MailSessionManager"/>. The cookie holds
/// nothing but the id; revoking the server-side session is enough to sign the browser out, even if someone kept
/// a copy of the cookie.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MailSessionManager sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WebmailSession";
    public const string CookieName = "wl_session";
    private const string ExpiredItem = "wl.session-expired";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var id) || string.IsNullOrEmpty(id))
        {
            return AuthenticateResult.NoResult();
        }
        var activity = Context.GetEndpoint()?.Metadata.GetMetadata<NotSessionActivityAttribute>() is null;
        var session = await sessions.FindAsync(id, touch: activity);
        if (session is null)
        {
            // A cookie for a session that no longer exists: expired, swept, signed out elsewhere or the app restarted.
            Context.Items[ExpiredItem] = true;
            return AuthenticateResult.Fail("Session expired");
        }
        Context.Features.Set(session);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(IdentityFor(session.Id, session.Identifier)), SchemeName));
    }

    /// <summary>
    /// The identity of a session: what antiforgery tokens are bound to (the session id, as NameIdentifier). Also used
    /// to check the token of a form posted just after its session ended (<c>ComposeRescue</c>), which must rebuild
    /// exactly these claims.
    /// </summary>
    public static ClaimsIdentity IdentityFor(string sessionId, string identifier) => new(
        [new Claim(ClaimTypes.NameIdentifier, sessionId), new Claim(ClaimTypes.Name, identifier)],
        SchemeName);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var expired = Context.Items.ContainsKey(ExpiredItem);
        if (expired)
        {
            SessionCookie.Delete(Context);
        }
        Response.Redirect(SignInUrl(Request, expired));
        return Task.CompletedTask;
    }

    /// <summary>Whether this request carried the cookie of a session that has ended.</summary>
    public static bool CarriedExpiredSession(HttpContext context) => context.Items.ContainsKey(ExpiredItem);

    internal static string SignInUrl(HttpRequest request, bool expired) =>
        // Back to the page asked for after signing in again (a local path only; checked again on use).
        SignInUrl(request, expired, HttpMethods.IsGet(request.Method) ? request.PathBase + request.Path + request.QueryString : null);

    /// <summary>The sign-in page, saying « session expirée » when <paramref name="expired"/>, then on to <paramref name="returnUrl"/>.</summary>
    internal static string SignInUrl(HttpRequest request, bool expired, string? returnUrl)
    {
        var query = QueryString.Empty;
        if (expired)
        {
            query = query.Add("session", "expiree");
        }
        if (!string.IsNullOrEmpty(returnUrl))
        {
            query = query.Add("retour", returnUrl);
        }
        return request.PathBase + "/" + query;
    }
}

/// <summary>Writes and deletes the session cookie with the same attributes everywhere.</summary>
public static class SessionCookie
{
    public static void Append(HttpContext context, MailSession session)
    {
        var options = Options(context);
        // Shared computer: a browser-session cookie, gone when the browser closes. Personal: lives until the absolute limit.
        if (!session.SharedComputer)
        {
            options.Expires = session.AbsoluteExpiry;
        }
        context.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, session.Id, options);
    }

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName, Options(context));

    public static MailSession? Current(HttpContext context) => context.Features.Get<MailSession>();

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}

using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>
/// Where a person is in « Mot de passe oublié », carried between pages in one encrypted, HttpOnly, SameSite=Strict
/// cookie scoped to the recovery pages, so the identifier is typed once and never appears in a URL (browser
/// history on a shared computer). It expires with the journey and is deleted at the end.
/// </summary>
public sealed class RecoveryJourney(IDataProtectionProvider protection, IOptions<RecoveryOptions> options, TimeProvider time)
{
    public const string CookieName = "wl_recovery";
    public const string Path = PageRoutes.Recovery;

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("WebmailLite.Recovery.Journey.v1").ToTimeLimitedDataProtector();

    public JourneyState? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var json = _protector.Unprotect(value, out var expires);
            return expires > time.GetUtcNow() ? JsonSerializer.Deserialize<JourneyState>(json) : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // Expired, tampered with, or from before a key rotation: the journey simply starts again.
            return null;
        }
    }

    public void Write(HttpContext context, JourneyState state)
    {
        var expires = time.GetUtcNow() + options.Value.JourneyLifetime;
        var value = _protector.Protect(JsonSerializer.Serialize(state), expires);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = Path,
            IsEssential = true,
            // No Expires: a browser-session cookie, gone when a shared computer's browser closes.
        });
    }

    public void End(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = Path, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
}

/// <summary>The journey's state. Never a code, an answer or a password: only results.</summary>
public sealed record JourneyState(string Identifier)
{
    public RecoveryMethod? Method { get; init; }

    /// <summary>Method 3: whether the answer to question 1 was right (not shown to the person, only combined at question 2).</summary>
    public bool? FirstAnswerRight { get; init; }

    /// <summary>Method 1: the masked address the code went to, shown on the code page.</summary>
    public string? MaskedAddress { get; init; }

    /// <summary>After a right code: the token of the single-use reset grant.</summary>
    public string? Grant { get; init; }
}

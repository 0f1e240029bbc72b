using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Sessions;
using WebmailLite.Pages.Shared;
using WebmailLite.Preferences;

namespace WebmailLite.Pages.Account;

public sealed class SignInModel(
    SignInService signIn,
    MailSessionManager sessions,
    IRescuedComposeStore keptForms,
    PreferencesService preferences,
    UiFormat format,
    IStringLocalizer<UiText> text,
    IOptions<MailSessionOptions> sessionOptions,
    IOptionsSnapshot<MaintenanceOptions> maintenance,
    TimeProvider time,
    ILogger<SignInModel> logger) : PageModel, IFormWithErrors
{
    public const string IdentifierField = "Input_Identifier";
    public const string PasswordField = "Input_Password";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go after signing in: a local path only.</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "session")]
    public string? SessionNotice { get; set; }

    /// <summary>« conserve=1 »: the compose form posted as the session ended was kept; it opens after signing in.</summary>
    [BindProperty(SupportsGet = true, Name = "conserve")]
    public string? FormKeptNotice { get; set; }

    public bool FormKept => SessionNotice == "expiree" && FormKeptNotice == "1";

    /// <summary>« conserve=preferences »: the « Préférences » form posted as the session ended was kept; it opens after signing in.</summary>
    public bool PreferencesKept => SessionNotice == "expiree" && FormKeptNotice == "preferences";

    /// <summary>« conserve=contact »: a contact form posted as the session ended was kept; it opens after signing in.</summary>
    public bool ContactKept => SessionNotice == "expiree" && FormKeptNotice == "contact";

    public FormErrors Errors { get; } = new();

    public bool IsPractice => signIn.IsPractice;

    public string SharedIdle => format.Duration(sessionOptions.Value.SharedIdleTimeout);

    public string PersonalIdle => format.Duration(sessionOptions.Value.PersonalIdleTimeout);

    public string WarningBefore => format.Duration(sessionOptions.Value.WarningBefore);

    public IActionResult OnGet()
    {
        if (SessionCookie.Current(HttpContext) is not null)
        {
            return RedirectToPage("/Mail/Index");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var identifier = Input.Identifier?.Trim() ?? "";
        var password = Input.Password ?? "";
        if (identifier.Length == 0)
        {
            Errors.Add(IdentifierField, text["Err_IdentifierRequired"]);
        }
        if (password.Length == 0)
        {
            Errors.Add(PasswordField, text["Err_PasswordRequired"]);
        }
        if (Errors.Any)
        {
            return Page();
        }

        // A device token only for a personal computer: on a shared one it would hand the next person a fresh budget of
        // guesses at the last person's identifier, and « shared » means nothing is remembered.
        var client = new SignInClient(HttpContext.Connection.RemoteIpAddress, DeviceCookie.Read(HttpContext));
        var result = await signIn.SignInAsync(identifier, password, client, rememberDevice: Input.Computer == ComputerKind.Personal, cancellationToken);
        switch (result.Status)
        {
            case SignInResultStatus.TooManyAttempts:
                Errors.Add(IdentifierField, text["Err_TooManyAttempts", format.Duration(result.Wait)], GuideLinks.TooManyAttempts);
                return Page();
            case SignInResultStatus.SignedIn:
                var session = sessions.Create(result.Mailbox!, sharedComputer: Input.Computer != ComputerKind.Personal);
                SessionCookie.Append(HttpContext, session);
                if (result.Device is { } device)
                {
                    DeviceCookie.Append(HttpContext, device);
                }
                logger.LogInformation("Signed in ({Computer} computer)", Input.Computer);
                if ((await preferences.GetAsync(session.Identifier, cancellationToken)).Language is { } language)
                {
                    // The person chose a language in « Préférences »: it follows them to any computer.
                    Localization.Remember(HttpContext, language);
                }
                if (keptForms.CountFor(session.Identifier) > 0)
                {
                    // A message this person was writing when a session of theirs ended: straight back to it.
                    return LocalRedirect(Pages.Mail.ComposeUrls.Kept);
                }
                return LocalRedirect(IsSafeReturn(ReturnUrl) ? ReturnUrl! : Url.Page("/Mail/Index")!);
            case SignInResultStatus.BadCredentials:
                // One message whether the account exists or not: the page must not reveal which identifiers are real.
                Errors.Add(IdentifierField, text["Err_BadCredentials"], GuideLinks.BadCredentials);
                return Page();
            case SignInResultStatus.AccountClosed:
                // Said only to whoever gave the account's right password (see SignInService): what to do now is write to the rectorat.
                Errors.Add(null, text["Err_AccountClosed"], GuideLinks.UnknownAccount);
                return Page();
            case SignInResultStatus.TooManySessions:
                // Not a field's fault, and not the password's: say what it is and what to do.
                Errors.Add(null, text["Err_TooManySessions"], GuideLinks.TooManySessions);
                return Page();
            default:
                var inMaintenance = maintenance.Value.IsActive(time.GetUtcNow());
                Errors.Add(null, text[inMaintenance ? "Err_UnavailableMaintenance" : "Err_Unavailable"], inMaintenance ? GuideLinks.Maintenance : GuideLinks.Unreachable);
                return Page();
        }
    }

    /// <summary>Only paths of this site: an open redirect after sign-in would make a fine phishing tool.</summary>
    private bool IsSafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) && !url.StartsWith(PageRoutes.SignOut, StringComparison.OrdinalIgnoreCase);

    public sealed class InputModel
    {
        public string? Identifier { get; set; }
        public string? Password { get; set; }

        /// <summary>Shared by default: the safe choice when the person does not think about it.</summary>
        public ComputerKind Computer { get; set; } = ComputerKind.Shared;
    }

    public enum ComputerKind
    {
        Shared,
        Personal,
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Preferences;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Préférences »: page size, language, reading HTML mail as text, collecting contacts, the signature and its place.
/// Saved as a whole and applied at once: the next list uses the page size, the language cookie is set now.
/// </summary>
// The compose rescue rules (see ComposeModel and ComposeRescue): a form posted just after its session ended must not
// lose a signature typed at length, so the folder's policy and the framework's token filter, which would turn it away,
// give way to ComposeAccess (a live session, or a POST with a remembered ended session's cookie) and to token checks
// against the live session (KeptFormPageModel) or against the ended one before anything is kept (OnPostKeepAsync).
// The mailbox is taken per handler: there is none for an ended session.
[AllowAnonymous]
[ComposeAccess]
[IgnoreAntiforgeryToken]
public sealed class PreferencesModel(
    PreferencesService preferences,
    RescuedPreferencesStore keptForms,
    ComposeRescue rescue,
    IOptions<MailOptions> mailOptions,
    IStringLocalizer<SettingsText> text) : KeptFormPageModel, IFormWithErrors
{
    /// <summary>Where the person signs in again after their form was kept: back here, where it opens.</summary>
    public static readonly string KeptSignInUrl = "/?session=expiree&conserve=preferences&retour=" + Uri.EscapeDataString(PageRoutes.Preferences);


    public const string PageSizeField = "Input_PageSize";
    public const string LanguageField = "Input_Language";
    public const string SignatureField = "Input_Signature";
    public const string PlacementField = "Input_Placement";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public string? Status { get; private set; }

    /// <summary>The form shown is the one kept when the session ended: nothing of it is saved yet.</summary>
    public bool Restored { get; private set; }

    public async Task OnGetAsync([FromServices] IMailbox mailbox, CancellationToken cancellationToken)
    {
        if (keptForms.Take(mailbox.Identifier) is { } kept)
        {
            Input = InputModel.FromFields(kept);
            Restored = true;
            return;
        }
        var saved = await preferences.GetAsync(mailbox.Identifier, cancellationToken);
        Input = new InputModel
        {
            PageSize = (saved.PageSize ?? mailOptions.Value.PageSize).ToString(CultureInfo.InvariantCulture),
            // No choice saved yet: the language the person is reading now.
            Language = saved.Language ?? Localization.Current,
            HtmlAsText = saved.HtmlAsText,
            CollectContacts = saved.CollectContacts,
            Signature = saved.Signature,
            Placement = saved.SignaturePlacement.ToString(),
        };
        Status = StatusBanner.TakeStatus(TempData);
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IMailbox mailbox, CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            // Found before the handler (a NUL character in a field, NulCharacterFilter): shown with everything typed.
            return Page();
        }
        var change = await preferences.SaveAsync(mailbox.Identifier, Input.ToPreferences(), cancellationToken);
        if (change.Saved is { } saved)
        {
            if (saved.Language is { } language)
            {
                Localization.Remember(HttpContext, language);
                // The banner in the language just chosen.
                CultureInfo.CurrentUICulture = Localization.Supported.First(c => c.TwoLetterISOLanguageName == language);
            }
            StatusBanner.Set(TempData, text["Done_Preferences"]);
            return Redirect(PageRoutes.Preferences);
        }
        foreach (var issue in change.Issues)
        {
            var (field, message) = Message(issue);
            Errors.Add(field, message);
        }
        return Page();
    }

    /// <summary>The session ended before this post arrived (chosen by <see cref="KeptFormPageModel"/>): keep the form for its owner.</summary>
    public Task<IActionResult> OnPostKeepAsync() => KeepForOwnerAsync(async () =>
    {
        var ended = await rescue.FindVerifiedEndedSessionAsync(HttpContext);
        if (ended is not null)
        {
            keptForms.Keep(ended.Identifier, Input.ToFields());
        }
        return ended is not null;
    }, KeptSignInUrl);

    /// <summary>Every issue has its field and message, and no default: a new one without its message does not build.</summary>
#pragma warning disable CS8524 // Only unnamed values (a cast int) are left out; every named one has its message.
    private (string Field, string Message) Message(PreferencesIssue issue) => issue switch
    {
        PreferencesIssue.PageSize => (PageSizeField, text["Err_Pref_PageSize"]),
        PreferencesIssue.Language => (LanguageField, text["Err_Pref_Language"]),
        PreferencesIssue.SignaturePlacement => (PlacementField, text["Err_Pref_Placement"]),
        PreferencesIssue.SignatureTooLong => (SignatureField, text["Err_Pref_SignatureTooLong", PreferencesService.MaxSignatureLength]),
        PreferencesIssue.SignatureControlCharacters => (SignatureField, text["Err_Pref_SignatureControl"]),
    };
#pragma warning restore CS8524

    public sealed class InputModel
    {
        public string? PageSize { get; set; }
        public string? Language { get; set; }

        /// <summary>A checkbox: absent from the post when unticked.</summary>
        public bool HtmlAsText { get; set; }

        /// <summary>A checkbox: absent from the post when unticked.</summary>
        public bool CollectContacts { get; set; }

        public string? Signature { get; set; }
        public string? Placement { get; set; }

        /// <summary>The fields as posted, by name, to be kept when the session ended.</summary>
        public IReadOnlyDictionary<string, string> ToFields() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(PageSize)] = PageSize ?? "",
            [nameof(Language)] = Language ?? "",
            [nameof(HtmlAsText)] = HtmlAsText ? "true" : "",
            [nameof(CollectContacts)] = CollectContacts ? "true" : "",
            [nameof(Signature)] = Signature ?? "",
            [nameof(Placement)] = Placement ?? "",
        };

        public static InputModel FromFields(IReadOnlyDictionary<string, string> fields)
        {
            string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
            return new InputModel
            {
                PageSize = Field(nameof(PageSize)),
                Language = Field(nameof(Language)),
                HtmlAsText = Field(nameof(HtmlAsText)) is not null,
                CollectContacts = Field(nameof(CollectContacts)) is not null,
                Signature = fields.GetValueOrDefault(nameof(Signature)) ?? "",
                Placement = Field(nameof(Placement)),
            };
        }

        /// <summary>
        /// What was posted, as preferences to check. A value that is no option (a hand-made post) becomes one the rules
        /// refuse (0, an unknown language, an undefined placement), so it is reported rather than silently ignored.
        /// </summary>
        public UserPreferences ToPreferences() => new()
        {
            PageSize = string.IsNullOrEmpty(PageSize) ? null
                : int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0,
            Language = string.IsNullOrEmpty(Language) ? null : Language,
            HtmlAsText = HtmlAsText,
            CollectContacts = CollectContacts,
            Signature = Signature ?? "",
            SignaturePlacement = Placement switch
            {
                null or "" or nameof(SignaturePlacement.BelowQuote) => SignaturePlacement.BelowQuote,
                nameof(SignaturePlacement.AboveQuote) => SignaturePlacement.AboveQuote,
                _ => (SignaturePlacement)(-1),
            },
        };
    }
}

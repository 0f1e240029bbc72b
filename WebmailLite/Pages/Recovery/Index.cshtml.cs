using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace WebmailLite.Pages.Recovery;

/// <summary>Step 1 of « Mot de passe oublié »: the identifier, typed once for the whole journey.</summary>
public sealed class IndexModel(RecoveryJourney journey, IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public const string IdentifierField = "Input_Identifier";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>« reprise=1 »: a later step was opened without a journey (expired or another browser).</summary>
    [BindProperty(SupportsGet = true, Name = "reprise")]
    public int Restarted { get; set; }

    public void OnGet()
    {
        if (LoadState())
        {
            Input.Identifier = State!.Identifier;
        }
    }

    public IActionResult OnPost()
    {
        var identifier = Input.Identifier?.Trim() ?? "";
        if (identifier.Length == 0)
        {
            Errors.Add(IdentifierField, text["Err_IdentifierRequired"]);
            return Page();
        }
        if (identifier.Length > 256)
        {
            Errors.Add(IdentifierField, text["Err_IdentifierTooLong"]);
        }
        if (Errors.Any)
        {
            return Page();
        }
        // Nothing is looked up here: the next pages read the same for every identifier.
        Save(new JourneyState(identifier));
        return RedirectToPage("/Recovery/Method");
    }

    public sealed class InputModel
    {
        public string? Identifier { get; set; }
    }
}

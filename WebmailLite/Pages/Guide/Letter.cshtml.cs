using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Guide;

/// <summary>
/// A letter to the rectorat for a person whose account is unknown or deleted. What they type is posted, shown once
/// in the letter, and forgotten: never stored, never logged (the page logs nothing, and the response is no-store).
/// </summary>
public sealed class LetterModel(IStringLocalizer<GuideText> text) : PageModel, IFormWithErrors
{
    public const int NameMax = 100;
    public const int NumenMax = 20;
    public const int SchoolMax = 200;
    public const int MessageMax = 2000;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    /// <summary>True once the form was posted without error: the page shows the letter.</summary>
    public bool Ready { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        Check("Input_LastName", "Letter_LastName", Input.LastName, NameMax);
        Check("Input_FirstName", "Letter_FirstName", Input.FirstName, NameMax);
        Check("Input_Numen", "Letter_Numen", Input.Numen, NumenMax);
        Check("Input_Identifier", "Letter_Identifier", Input.Identifier, NameMax);
        Check("Input_School", "Letter_School", Input.School, SchoolMax);
        Check("Input_Message", "Letter_Message", Input.Message, MessageMax);
        Ready = !Errors.Any;
        return Page();
    }

    private void Check(string field, string label, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            Errors.Add(field, text["Letter_TooLong", text[label], max]);
        }
    }

    public sealed class InputModel
    {
        public string? LastName { get; set; }
        public string? FirstName { get; set; }
        public string? Numen { get; set; }
        public string? Identifier { get; set; }
        public string? School { get; set; }
        public string? Message { get; set; }
    }
}

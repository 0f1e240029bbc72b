using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Guide;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Guide;

/// <summary>
/// A letter to the rectorat for a person whose account is unknown or deleted. What they type is posted, shown once
/// in the letter, and forgotten: never stored, never logged (the page logs nothing, and the response is no-store).
/// The sender's contact lines are there so that the rectorat can answer; they follow the same rule. The addressee
/// comes from the académie's settings (<c>Guide:Rectorat</c>), never from a guess.
/// </summary>
public sealed class LetterModel(IStringLocalizer<GuideText> text, IOptions<RectoratOptions> rectorat) : PageModel, IFormWithErrors
{
    public const int NameMax = 100;
    public const int NumenMax = 20;
    public const int SchoolMax = 200;
    public const int MessageMax = 2000;
    public const int PostalAddressMax = 300;
    public const int PhoneMax = 30;
    public const int EmailMax = 254;

    /// <summary>The addressee's service lines; empty when the académie did not set them.</summary>
    public IReadOnlyList<string> RectoratService => rectorat.Value.ServiceLines;

    /// <summary>The rectorat's postal address; empty when not set, and the page then says where to find it.</summary>
    public IReadOnlyList<string> RectoratAddress => rectorat.Value.PostalLines;

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
        Check("Input_PostalAddress", "Letter_PostalAddress", Input.PostalAddress, PostalAddressMax);
        Check("Input_Phone", "Letter_Phone", Input.Phone, PhoneMax);
        if (!Check("Input_Email", "Letter_Email", Input.Email, EmailMax) && !string.IsNullOrWhiteSpace(Input.Email) && !LooksLikeAnAddress(Input.Email.Trim()))
        {
            Errors.Add("Input_Email", text["Letter_EmailInvalid"]);
        }
        Check("Input_Message", "Letter_Message", Input.Message, MessageMax);
        Ready = !Errors.Any;
        return Page();
    }

    /// <summary>True when the value is too long (and the error is added).</summary>
    private bool Check(string field, string label, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            Errors.Add(field, text["Letter_TooLong", text[label], max]);
            return true;
        }
        return false;
    }

    /// <summary>Only the obvious slip (no « @ », a space, nothing after it): the address is printed, not used to send.</summary>
    private static bool LooksLikeAnAddress(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace) && value[(at + 1)..].Contains('.');
    }

    public sealed class InputModel
    {
        public string? LastName { get; set; }
        public string? FirstName { get; set; }
        public string? Numen { get; set; }
        public string? Identifier { get; set; }
        public string? School { get; set; }
        public string? PostalAddress { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Message { get; set; }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>
/// Method 3: the two personal questions, one per page. Nothing here says whether an answer was right — only the
/// code reaching the backup address does — so a guesser learns nothing, and an identifier without questions gets
/// the same two (decoy) questions every time.
/// </summary>
public sealed class QuestionModel(
    RecoveryJourney journey,
    RecoveryService recovery,
    UiFormat format,
    IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public const string AnswerField = "Input_Answer";
    public const int MaxAnswer = 200;

    [BindProperty(SupportsGet = true, Name = "numero")]
    public int Number { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Question { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (!LoadState())
        {
            return Restart();
        }
        if (Number == 2 && State!.FirstAnswerRight is null)
        {
            return RedirectToPage(new { numero = 1 });
        }
        Question = recovery.QuestionsFor(Identifier)[Number - 1];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LoadState())
        {
            return Restart();
        }
        if (Number == 2 && State!.FirstAnswerRight is null)
        {
            return RedirectToPage(new { numero = 1 });
        }
        Question = recovery.QuestionsFor(Identifier)[Number - 1];
        if (Errors.Any)
        {
            return Page();
        }
        var answer = Input.Answer?.Trim() ?? "";
        if (answer.Length == 0)
        {
            Errors.Add(AnswerField, text["Err_AnswerRequired"]);
            return Page();
        }
        if (answer.Length > MaxAnswer)
        {
            Errors.Add(AnswerField, text["Err_AnswerTooLong", MaxAnswer]);
            return Page();
        }
        var outcome = await recovery.AnswerQuestionAsync(Identifier, Number, answer, State!.FirstAnswerRight == true, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.Wait > TimeSpan.Zero)
        {
            Errors.Add(null, text["Err_TooManyRequests", format.Duration(outcome.Wait)], GuideLinks.ForgotBackup);
            return Page();
        }
        if (Number == 1)
        {
            Save(State! with { Method = RecoveryMethod.BackupAddress, FirstAnswerRight = outcome.Right });
            return RedirectToPage(new { numero = 2 });
        }
        Save(State! with { FirstAnswerRight = null, MaskedAddress = null, Grant = null });
        return RedirectToPage("/Recovery/Code", new { envoi = "secours" });
    }

    public sealed class InputModel
    {
        public string? Answer { get; set; }
    }
}

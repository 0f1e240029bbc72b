using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// The two personal questions on one page (the person is signed in and chose to be here), each in its own fieldset:
/// a question from the list or their own, and the answer.
/// </summary>
public sealed class QuestionsModel(IMailbox mailbox, PersonalQuestionsService questions, SuggestedQuestions suggested, UiFormat format, IStringLocalizer<SettingsText> text) : PageModel, IFormWithErrors
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<string> Suggested { get; private set; } = [];

    public bool HasQuestions { get; private set; }

    public static string FieldId(int index, QuestionField field) => "Input_" + field switch
    {
        QuestionField.Choice => "Choice",
        QuestionField.Own => "Own",
        _ => "Answer",
    } + (index + 1);

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            // Found before the handler (a NUL character in a field, NulCharacterFilter): shown with everything else typed.
            Load();
            return Page();
        }
        var identifier = mailbox.Identifier;
        var change = await questions.SetQuestionsAsync(identifier, Input.Current,
            [new QuestionInput(Input.Choice1, Input.Own1, Input.Answer1), new QuestionInput(Input.Choice2, Input.Own2, Input.Answer2)],
            HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (change.Saved)
        {
            StatusBanner.Set(TempData, text["Done_Questions"]);
            return Redirect(PageRoutes.Security);
        }
        foreach (var problem in change.Problems)
        {
            var number = problem.Index + 1;
            var message = problem.Issue switch
            {
                QuestionIssue.OwnTooShort => text["Err_Q_OwnTooShort", number, PersonalQuestionsService.MinQuestionLength],
                QuestionIssue.OwnTooLong => text["Err_Q_OwnTooLong", number, PersonalQuestionsService.MaxQuestionLength],
                QuestionIssue.AnswerTooShort => text["Err_Q_AnswerTooShort", number, PersonalQuestionsService.MinAnswerLength],
                QuestionIssue.AnswerTooLong => text["Err_Q_AnswerTooLong", number, PersonalQuestionsService.MaxAnswerLength],
                _ => text[SettingsText.QuestionError(problem.Issue), number],
            };
            Errors.Add(FieldId(problem.Index, problem.Field), message);
        }
        // Last, as on the page.
        CurrentPasswordField.AddError(Errors, change.Current, text, format);
        Load();
        return Page();
    }

    private void Load()
    {
        Suggested = suggested.All;
        HasQuestions = questions.HasQuestions(mailbox.Identifier);
    }

    /// <summary>Flat fields (not a list) so that ids read <c>Input_Choice1</c>, <c>Input_Answer2</c>.</summary>
    public sealed class InputModel
    {
        public string? Choice1 { get; set; }
        public string? Own1 { get; set; }
        public string? Answer1 { get; set; }
        public string? Choice2 { get; set; }
        public string? Own2 { get; set; }
        public string? Answer2 { get; set; }

        /// <summary>Checked, never shown back.</summary>
        public string? Current { get; set; }

        public (string? Choice, string? Own, string? Answer) Question(int index) =>
            index == 0 ? (Choice1, Own1, Answer1) : (Choice2, Own2, Answer2);
    }
}

using System.Globalization;
using System.Net;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>
/// The two personal questions of a signed-in person, for recovery method 3. Answers are kept only as slow salted
/// hashes; a change needs the current password, is audited and told by mail to the account address.
/// </summary>
public sealed class PersonalQuestionsService(
    IAccountDirectory directory,
    IEnrolmentStore enrolments,
    AnswerHasher answers,
    SuggestedQuestions suggested,
    CurrentPasswordVerifier currentPassword,
    IRecoveryAudit audit,
    RecoveryMailer mailer)
{
    /// <summary>The select value for « J'écris ma propre question ».</summary>
    public const string OwnQuestion = "propre";

    public const int MinAnswerLength = 3;
    public const int MaxAnswerLength = 200;
    public const int MinQuestionLength = 10;
    public const int MaxQuestionLength = 200;

    public bool HasQuestions(string identifier) => enrolments.Find(identifier) is { HasQuestions: true };

    /// <summary>The registered questions as the page shows them: a suggested one in the language of the page, an own one as written.</summary>
    public IReadOnlyList<string> QuestionsOf(string identifier) =>
        enrolments.Find(identifier) is { HasQuestions: true } enrolled ? enrolled.Questions.Select(q => suggested.Display(q.Text)).ToList() : [];

    /// <summary>
    /// Checks and saves two questions and their answers. Answers are normalised (case, accents, spaces) then kept
    /// only as a slow salted hash: the person can never be shown them again, and nor can anyone reading the database.
    /// The current password is checked last, once everything else is right (a refused form costs no sign-in try).
    /// </summary>
    public async Task<QuestionsChange> SetQuestionsAsync(string identifier, string? current, IReadOnlyList<QuestionInput> inputs, IPAddress? client, CancellationToken cancellationToken)
    {
        if (inputs.Count != 2)
        {
            throw new ArgumentException("Exactly two questions.", nameof(inputs));
        }
        var problems = new List<QuestionProblem>();
        // What is stored: a suggested question by its resource key (« Question_3 »), never its text in the language of
        // the moment. Recovery shows decoy questions in the visitor's language for identifiers it does not know, so a
        // question stored in French would stay French when the language is switched, and tell enrolled accounts
        // apart. A question the person wrote is stored as written: it necessarily differs from the decoys (always
        // suggested ones) whatever the language, which is the price of letting people write their own.
        var stored = new string?[2];
        // The text shown now, to check that the answer is not in it.
        var texts = new string?[2];
        var list = suggested.All;
        for (var i = 0; i < 2; i++)
        {
            var input = inputs[i];
            if (string.IsNullOrWhiteSpace(input.Choice))
            {
                problems.Add(new QuestionProblem(i, QuestionField.Choice, QuestionIssue.ChoiceMissing));
            }
            else if (input.Choice == OwnQuestion)
            {
                var own = Collapse(input.OwnText);
                if (own.Length == 0)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnMissing));
                }
                else if (own.Length < MinQuestionLength)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnTooShort));
                }
                else if (own.Length > MaxQuestionLength)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnTooLong));
                }
                else if (IndexOf(list, own) is var k and >= 0)
                {
                    // A suggested question typed out (or pasted) is stored as the suggested one, by its key: stored
                    // as typed, it would stay in this language and stand out from the decoys.
                    stored[i] = SuggestedQuestions.Keys[k];
                    texts[i] = list[k];
                }
                else
                {
                    stored[i] = own;
                    texts[i] = own;
                }
            }
            else if (int.TryParse(input.Choice, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= list.Count)
            {
                stored[i] = SuggestedQuestions.Keys[n - 1];
                texts[i] = list[n - 1];
            }
            else
            {
                problems.Add(new QuestionProblem(i, QuestionField.Choice, QuestionIssue.ChoiceMissing));
            }

            var answer = AnswerHasher.Normalize(input.Answer ?? "");
            if (string.IsNullOrWhiteSpace(input.Answer))
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerMissing));
            }
            else if (input.Answer.Trim().Length > MaxAnswerLength)
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerTooLong));
            }
            else if (answer.Length < MinAnswerLength)
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerTooShort));
            }
            else if (texts[i] is { } question && IsInQuestion(answer, question))
            {
                // An answer printed in the question is no secret: the recovery page shows the question to anybody.
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerInQuestion));
            }
        }
        if (stored[0] is { } first && stored[1] is { } second
            && AnswerHasher.Normalize(first) == AnswerHasher.Normalize(second))
        {
            problems.Add(new QuestionProblem(1, inputs[1].Choice == OwnQuestion ? QuestionField.Own : QuestionField.Choice, QuestionIssue.SameQuestion));
        }
        var check = CurrentPasswordCheck.Before(current);
        if (problems.Count > 0 || check.Status == CurrentPasswordStatus.Missing)
        {
            // In the order of the fields on the page, for the error summary.
            return new QuestionsChange([.. problems.OrderBy(p => p.Index).ThenBy(p => p.Field)], check);
        }
        check = await currentPassword.CheckAsync(identifier, current, client, AuditEvent.QuestionsChanged, cancellationToken);
        if (check.Status != CurrentPasswordStatus.Right)
        {
            return new QuestionsChange([], check);
        }

        var enrolled = new List<EnrolledQuestion>(2);
        for (var i = 0; i < 2; i++)
        {
            enrolled.Add(EnrolledQuestion.From(stored[i]!, answers.Hash(inputs[i].Answer!)));
        }
        enrolments.SetQuestions(identifier, enrolled);
        audit.Record(identifier, AuditEvent.QuestionsChanged, RecoveryMethod.SignedIn, AuditOutcome.Success);
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "QuestionsChanged", identifier);
        }
        return new QuestionsChange([], check);
    }

    private static int IndexOf(IReadOnlyList<string> list, string question)
    {
        var normalized = AnswerHasher.Normalize(question);
        for (var i = 0; i < list.Count; i++)
        {
            if (AnswerHasher.Normalize(list[i]) == normalized)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether the answer is one word of the question, or several of its words in a row (« Moustache », « chat Moustache »).</summary>
    private static bool IsInQuestion(string normalizedAnswer, string question)
    {
        var words = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.Split('\'', '’', '-', '?', '!', '.', ',', ';', ':'))
            .Select(AnswerHasher.Normalize)
            .Where(w => w.Length > 0)
            .ToList();
        for (var start = 0; start < words.Count; start++)
        {
            var run = "";
            for (var end = start; end < words.Count && run.Length < normalizedAnswer.Length; end++)
            {
                run += words[end];
                if (run == normalizedAnswer)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Collapse(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Text;
using WebmailLite.Mail;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Tests.Settings;

/// <summary>The personal questions of « Sécurité du compte »: what is refused and why, what is stored, and the current password.</summary>
public sealed class PersonalQuestionsServiceTests : EnrolmentTests
{
    [Fact]
    public async Task SetQuestions_SuggestedAndOwn_SavesOnlyHashesOfNormalisedAnswers()
    {
        var change = await H.Questions.SetQuestionsAsync(Id, Password,
        [
            new QuestionInput("1", null, "Éléonore  Dupont"),
            new QuestionInput(PersonalQuestionsService.OwnQuestion, "  Le nom de mon   premier chat ?", "Moustache"),
        ], null, default);

        var enrolled = H.Enrolments.Find(Id)!;
        var hasher = H.Get<AnswerHasher>();
        Assert.True(change.Saved);
        Assert.True(enrolled.HasQuestions);
        // By its key, never its text in the language of the moment (see SetQuestions_Suggested_IsStoredByItsKey…).
        Assert.Equal("Question_1", enrolled.Questions[0].Text);
        Assert.Equal("Le nom de mon premier chat ?", enrolled.Questions[1].Text);
        Assert.True(hasher.Matches("eleonore dupont", enrolled.Questions[0].Answer));
        Assert.True(hasher.Matches("MOUSTACHE", enrolled.Questions[1].Answer));
        Assert.False(hasher.Matches("Moustaches", enrolled.Questions[1].Answer));
        Assert.Equal(100_000, enrolled.Questions[0].Iterations);
        Assert.DoesNotContain("Moustache", Encoding.UTF8.GetString(enrolled.Questions[1].Hash), StringComparison.OrdinalIgnoreCase);
        var notice = Assert.Single(await H.SentAsync());
        Assert.Equal("Questions personnelles modifiées", notice.Subject);
        Assert.Equal(EnrolmentHarness.AccountAddress, notice.To.Mailboxes.Single().Address);
        Assert.Contains(Audit, e => e.Event == AuditEvent.QuestionsChanged);
    }

    public static TheoryData<QuestionInput, QuestionInput, QuestionProblem[]> Refused => new()
    {
        { new(null, null, null), new(null, null, null), [
            new(0, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(0, QuestionField.Answer, QuestionIssue.AnswerMissing),
            new(1, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(1, QuestionField.Answer, QuestionIssue.AnswerMissing)] },
        { new("99", null, "Lyon"), new(PersonalQuestionsService.OwnQuestion, " ", "Moustache"), [
            new(0, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(1, QuestionField.Own, QuestionIssue.OwnMissing)] },
        { new("2", null, "Lyon"), new(PersonalQuestionsService.OwnQuestion, "Chat ?", "Moustache"), [new(1, QuestionField.Own, QuestionIssue.OwnTooShort)] },
        { new("2", null, "Lyon"), new("2", null, "Paris"), [new(1, QuestionField.Choice, QuestionIssue.SameQuestion)] },
        { new(PersonalQuestionsService.OwnQuestion, "Le nom de mon chat ?", "Lyon"), new(PersonalQuestionsService.OwnQuestion, "LE NOM de mon chat", "Paris"), [new(1, QuestionField.Own, QuestionIssue.SameQuestion)] },
        { new("2", null, "é!"), new("3", null, "  "), [new(0, QuestionField.Answer, QuestionIssue.AnswerTooShort), new(1, QuestionField.Answer, QuestionIssue.AnswerMissing)] },
        { new(PersonalQuestionsService.OwnQuestion, "Mon chat s'appelle Moustache ?", "moustache"), new("3", null, "Paris"), [new(0, QuestionField.Answer, QuestionIssue.AnswerInQuestion)] },
        { new("2", null, new string('a', 201)), new("3", null, "Paris"), [new(0, QuestionField.Answer, QuestionIssue.AnswerTooLong)] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task SetQuestions_Refused_SaysWhichFieldAndWhy_AndSavesNothing(QuestionInput first, QuestionInput second, QuestionProblem[] expected)
    {
        var change = await H.Questions.SetQuestionsAsync(Id, Password, [first, second], null, default);

        Assert.Equal(expected, change.Problems);
        Assert.Equal(CurrentPasswordStatus.NotChecked, change.Current.Status);
        Assert.Equal(0, ((FakeMailService)H.Get<IMailService>()).SignIns);
        Assert.False(H.Enrolments.Find(Id)?.HasQuestions ?? false);
        Assert.Empty(await H.SentAsync());
    }

    [Theory]
    [InlineData(null, CurrentPasswordStatus.Missing)]
    [InlineData("pas le bon", CurrentPasswordStatus.Wrong)]
    public async Task SetQuestions_WithoutOrWithAWrongCurrentPassword_SavesNothing(string? current, CurrentPasswordStatus expected)
    {
        var change = await H.Questions.SetQuestionsAsync(Id, current,
            [new QuestionInput("1", null, "Éléonore"), new QuestionInput("2", null, "Lyon")], null, default);

        Assert.False(change.Saved);
        Assert.Empty(change.Problems);
        Assert.Equal(expected, change.Current.Status);
        Assert.False(H.Enrolments.Find(Id)?.HasQuestions ?? false);
        Assert.Empty(await H.SentAsync());
    }

    [Fact]
    public async Task SetQuestions_MailServiceUnreachable_SavesNothing()
    {
        ((FakeMailService)H.Get<IMailService>()).Unreachable = true;

        var change = await H.Questions.SetQuestionsAsync(Id, Password,
            [new QuestionInput("1", null, "Éléonore"), new QuestionInput("2", null, "Lyon")], null, default);

        Assert.Equal(CurrentPasswordStatus.Unavailable, change.Current.Status);
        Assert.False(H.Enrolments.Find(Id)?.HasQuestions ?? false);
    }

    /// <summary>
    /// Recovery shows decoy questions in the visitor's language for unknown identifiers: a question stored as its
    /// French text would stay French after switching the language cookie, and tell an enrolled account apart.
    /// </summary>
    [Fact]
    public async Task SetQuestions_Suggested_IsStoredByItsKey_AndShownInTheLanguageOfTheMoment()
    {
        var change = await H.Questions.SetQuestionsAsync(Id, Password,
            [new QuestionInput("3", null, "Éléonore"), new QuestionInput("5", null, "Lyon")], null, default);

        var stored = H.Enrolments.Find(Id)!.Questions.Select(q => q.Text).ToList();
        var suggested = H.Get<SuggestedQuestions>();
        string InFrench, InEnglish;
        using (new UiCulture("fr"))
        {
            InFrench = suggested.Display(stored[0]);
            Assert.Equal(suggested.All[2], InFrench);
        }
        using (new UiCulture("en"))
        {
            InEnglish = suggested.Display(stored[0]);
            Assert.Equal(suggested.All[2], InEnglish);
        }

        Assert.True(change.Saved);
        Assert.Equal(["Question_3", "Question_5"], stored);
        Assert.NotEqual(InFrench, InEnglish);
    }

    [Fact]
    public async Task SetQuestions_OwnQuestionThatIsASuggestedOne_IsStoredByItsKeyToo()
    {
        string typed;
        using (new UiCulture("fr"))
        {
            typed = "  " + H.Get<SuggestedQuestions>().All[1].ToUpperInvariant() + " ";
        }

        using (new UiCulture("fr"))
        {
            await H.Questions.SetQuestionsAsync(Id, Password,
                [new QuestionInput(PersonalQuestionsService.OwnQuestion, typed, "Éléonore"), new QuestionInput("5", null, "Lyon")], null, default);
        }

        Assert.Equal("Question_2", H.Enrolments.Find(Id)!.Questions[0].Text);
    }

    [Theory]
    [InlineData("Le nom de mon premier chat ?")]
    [InlineData("Question_99")]
    [InlineData("Question_")]
    public void Display_AnythingButASuggestedKey_IsShownAsWritten(string stored) =>
        Assert.Equal(stored, H.Get<SuggestedQuestions>().Display(stored));

    /// <summary>The UI culture of this thread for a block, as the request localisation sets it.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly System.Globalization.CultureInfo _previous = System.Globalization.CultureInfo.CurrentUICulture;

        public UiCulture(string name) => System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _previous;
    }
}

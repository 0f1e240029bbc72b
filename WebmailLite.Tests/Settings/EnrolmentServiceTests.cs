using System.Text;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Settings;

/// <summary>The rules of « Sécurité du compte », on the real recovery stores with fake directory and mail.</summary>
public sealed class EnrolmentServiceTests : IAsyncLifetime
{
    private const string Backup = "camille.perso@laposte.net";
    private const string NewPassword = "une longue phrase facile à retenir";
    private EnrolmentHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EnrolmentHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Id => EnrolmentHarness.Identifier;

    private const string Password = EnrolmentHarness.Password;

    private IReadOnlyList<RecoveryAudit.AuditEntry> Audit => _h.Get<RecoveryAudit>().For(Id);

    private async Task ConfirmAsync(string address)
    {
        Assert.Equal(BackupRequestStatus.Sent, (await _h.Service.RequestBackupAddressAsync(Id, Password, address, null, default)).Status);
        var code = await _h.CodeSentToAsync(address);
        Assert.Equal(BackupConfirmationStatus.Confirmed, (await _h.Service.ConfirmBackupAddressAsync(Id, code, null, default)).Status);
    }

    [Fact]
    public async Task RequestBackupAddress_SendsACodeToTheNewAddress_AndSavesNothingYet()
    {
        var request = await _h.Service.RequestBackupAddressAsync(Id, Password, "  " + Backup + " ", null, default);

        var sent = Assert.Single(await _h.SentAsync());
        Assert.Equal(BackupRequestStatus.Sent, request.Status);
        Assert.Equal(Backup, sent.To.Mailboxes.Single().Address);
        Assert.Matches(@"\b\d{8}\b", sent.TextBody);
        Assert.Contains(Id, sent.TextBody);
        Assert.Null(_h.Service.Find(Id)?.BackupAddress);
        Assert.Equal(Backup, _h.Service.PendingBackupAddress(Id));
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRequested && e.Outcome == AuditOutcome.Success);
    }

    [Theory]
    [InlineData("", BackupRequestStatus.Missing)]
    [InlineData("   ", BackupRequestStatus.Missing)]
    [InlineData("camille", BackupRequestStatus.Invalid)]
    [InlineData("camille@", BackupRequestStatus.Invalid)]
    [InlineData("@laposte.net", BackupRequestStatus.Invalid)]
    [InlineData("camille@localhost", BackupRequestStatus.Invalid)]
    [InlineData("camille perso@laposte.net", BackupRequestStatus.Invalid)]
    [InlineData("Camille <camille@laposte.net>", BackupRequestStatus.Invalid)]
    [InlineData("a@b@laposte.net", BackupRequestStatus.Invalid)]
    [InlineData("camille.martin@ac-test.fr", BackupRequestStatus.OwnAddress)]
    [InlineData("Camille.Martin@AC-TEST.fr", BackupRequestStatus.OwnAddress)]
    public async Task RequestBackupAddress_RefusesWhatCannotBeABackupAddress(string typed, BackupRequestStatus expected)
    {
        var request = await _h.Service.RequestBackupAddressAsync(Id, Password, typed, null, default);

        Assert.Equal(expected, request.Status);
        Assert.Empty(await _h.SentAsync());
        Assert.Null(_h.Service.PendingBackupAddress(Id));
    }

    [Fact]
    public async Task ConfirmBackupAddress_RightCode_SavesIt_AndTellsTheAccountAddress()
    {
        await ConfirmAsync(Backup);

        var sent = await _h.SentAsync();
        Assert.Equal(Backup, _h.Service.Find(Id)!.BackupAddress);
        Assert.Null(_h.Service.PendingBackupAddress(Id));
        var notice = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == EnrolmentHarness.AccountAddress);
        Assert.Equal("Nouvelle adresse de secours", notice.Subject);
        Assert.Contains("c•••@laposte.net", notice.TextBody);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressConfirmed && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task ConfirmBackupAddress_ReplacingOne_TellsTheOldAddressToo()
    {
        await ConfirmAsync(Backup);
        await ConfirmAsync("autre.adresse@orange.fr");

        var sent = await _h.SentAsync();
        Assert.Equal("autre.adresse@orange.fr", _h.Service.Find(Id)!.BackupAddress);
        var replaced = Assert.Single(sent, m => m.Subject == "Cette adresse n'est plus l'adresse de secours");
        Assert.Equal(Backup, replaced.To.Mailboxes.Single().Address);
        Assert.Equal(2, sent.Count(m => m.Subject == "Nouvelle adresse de secours"));
    }

    [Fact]
    public async Task ConfirmBackupAddress_WrongCode_SavesNothing_AndFiveWrongTriesKillTheCode()
    {
        await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var right = await _h.CodeSentToAsync(Backup);
        var wrong = right == "00000000" ? "11111111" : "00000000";

        var outcomes = new List<BackupConfirmationStatus>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await _h.Service.ConfirmBackupAddressAsync(Id, wrong, null, default)).Status);
        }
        var afterwards = await _h.Service.ConfirmBackupAddressAsync(Id, right, null, default);

        Assert.Equal([.. Enumerable.Repeat(BackupConfirmationStatus.Wrong, 4), BackupConfirmationStatus.Killed], outcomes);
        Assert.Equal(BackupConfirmationStatus.Wrong, afterwards.Status);
        Assert.Null(_h.Service.Find(Id)?.BackupAddress);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressConfirmed && e.Outcome == AuditOutcome.Failure);
    }

    [Fact]
    public async Task ConfirmBackupAddress_AfterTheLifetime_IsExpired()
    {
        await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var code = await _h.CodeSentToAsync(Backup);
        _h.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var outcome = await _h.Service.ConfirmBackupAddressAsync(Id, code, null, default);

        Assert.Equal(BackupConfirmationStatus.Expired, outcome.Status);
        Assert.Null(_h.Service.Find(Id)?.BackupAddress);
    }

    [Fact]
    public async Task ConfirmBackupAddress_CodeOfAnEarlierRequest_NoLongerWorks()
    {
        await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var first = await _h.CodeSentToAsync(Backup);
        await _h.Service.RequestBackupAddressAsync(Id, Password, "autre.adresse@orange.fr", null, default);
        var second = await _h.CodeSentToAsync("autre.adresse@orange.fr");

        var withFirst = first == second ? BackupConfirmationStatus.Wrong : (await _h.Service.ConfirmBackupAddressAsync(Id, first, null, default)).Status;
        var withSecond = await _h.Service.ConfirmBackupAddressAsync(Id, " " + second[..4] + " " + second[4..], null, default);

        Assert.Equal(BackupConfirmationStatus.Wrong, withFirst);
        Assert.Equal(BackupConfirmationStatus.Confirmed, withSecond.Status);
        Assert.Equal("autre.adresse@orange.fr", _h.Service.Find(Id)!.BackupAddress);
    }

    [Fact]
    public async Task ConfirmBackupAddress_EmptyCode_IsMissing_AndCountsNoTry()
    {
        await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        var outcome = await _h.Service.ConfirmBackupAddressAsync(Id, "  ", null, default);

        Assert.Equal(BackupConfirmationStatus.Missing, outcome.Status);
        Assert.Equal(Backup, _h.Service.PendingBackupAddress(Id));
    }

    [Fact]
    public async Task RequestBackupAddress_IsLimitedPerAccount()
    {
        var statuses = new List<BackupRequestStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await _h.Service.RequestBackupAddressAsync(Id, Password, $"adresse{i}@laposte.net", null, default)).Status);
        }
        var refused = await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        Assert.Equal([.. Enumerable.Repeat(BackupRequestStatus.Sent, 5), BackupRequestStatus.TooManyRequests], statuses);
        Assert.True(refused.Wait > TimeSpan.Zero && refused.Wait <= TimeSpan.FromHours(1));
        Assert.Equal(5, (await _h.SentAsync()).Count);
    }

    [Fact]
    public async Task RequestBackupAddress_IsLimitedPerRecipient_WhateverTheAccount()
    {
        var statuses = new List<BackupRequestStatus>();
        for (var i = 0; i < 6; i++)
        {
            var identifier = "compte" + i;
            _h.Directory.Add(identifier, identifier + "@ac-test.fr", "x");
            statuses.Add((await _h.Service.RequestBackupAddressAsync(identifier, "x", "victime@laposte.net", null, default)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(BackupRequestStatus.Sent, 5), BackupRequestStatus.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RemoveBackupAddress_RemovesIt_TellsBothAddresses_AndKillsAPendingCode()
    {
        await ConfirmAsync(Backup);
        await _h.Service.RequestBackupAddressAsync(Id, Password, "autre.adresse@orange.fr", null, default);
        var pending = await _h.CodeSentToAsync("autre.adresse@orange.fr");

        var removed = await _h.Service.RemoveBackupAddressAsync(Id, Password, null, default);
        var again = await _h.Service.RemoveBackupAddressAsync(Id, Password, null, default);
        var late = await _h.Service.ConfirmBackupAddressAsync(Id, pending, null, default);

        var notices = (await _h.SentAsync()).Where(m => m.Subject == "Adresse de secours retirée").ToList();
        Assert.Equal(BackupRemovalStatus.Removed, removed.Status);
        Assert.Equal(BackupRemovalStatus.NothingToRemove, again.Status);
        Assert.NotEqual(BackupConfirmationStatus.Confirmed, late.Status);
        Assert.Null(_h.Service.Find(Id)!.BackupAddress);
        Assert.Equal([EnrolmentHarness.AccountAddress, Backup], notices.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRemoved);
    }

    [Fact]
    public async Task SetQuestions_SuggestedAndOwn_SavesOnlyHashesOfNormalisedAnswers()
    {
        var change = await _h.Service.SetQuestionsAsync(Id, Password,
        [
            new QuestionInput("1", null, "Éléonore  Dupont"),
            new QuestionInput(EnrolmentService.OwnQuestion, "  Le nom de mon   premier chat ?", "Moustache"),
        ], null, default);

        var enrolled = _h.Service.Find(Id)!;
        var hasher = _h.Get<AnswerHasher>();
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
        var notice = Assert.Single(await _h.SentAsync());
        Assert.Equal("Questions personnelles modifiées", notice.Subject);
        Assert.Equal(EnrolmentHarness.AccountAddress, notice.To.Mailboxes.Single().Address);
        Assert.Contains(Audit, e => e.Event == AuditEvent.QuestionsChanged);
    }

    public static TheoryData<QuestionInput, QuestionInput, QuestionProblem[]> Refused => new()
    {
        { new(null, null, null), new(null, null, null), [
            new(0, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(0, QuestionField.Answer, QuestionIssue.AnswerMissing),
            new(1, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(1, QuestionField.Answer, QuestionIssue.AnswerMissing)] },
        { new("99", null, "Lyon"), new(EnrolmentService.OwnQuestion, " ", "Moustache"), [
            new(0, QuestionField.Choice, QuestionIssue.ChoiceMissing), new(1, QuestionField.Own, QuestionIssue.OwnMissing)] },
        { new("2", null, "Lyon"), new(EnrolmentService.OwnQuestion, "Chat ?", "Moustache"), [new(1, QuestionField.Own, QuestionIssue.OwnTooShort)] },
        { new("2", null, "Lyon"), new("2", null, "Paris"), [new(1, QuestionField.Choice, QuestionIssue.SameQuestion)] },
        { new(EnrolmentService.OwnQuestion, "Le nom de mon chat ?", "Lyon"), new(EnrolmentService.OwnQuestion, "LE NOM de mon chat", "Paris"), [new(1, QuestionField.Own, QuestionIssue.SameQuestion)] },
        { new("2", null, "é!"), new("3", null, "  "), [new(0, QuestionField.Answer, QuestionIssue.AnswerTooShort), new(1, QuestionField.Answer, QuestionIssue.AnswerMissing)] },
        { new(EnrolmentService.OwnQuestion, "Mon chat s'appelle Moustache ?", "moustache"), new("3", null, "Paris"), [new(0, QuestionField.Answer, QuestionIssue.AnswerInQuestion)] },
        { new("2", null, new string('a', 201)), new("3", null, "Paris"), [new(0, QuestionField.Answer, QuestionIssue.AnswerTooLong)] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task SetQuestions_Refused_SaysWhichFieldAndWhy_AndSavesNothing(QuestionInput first, QuestionInput second, QuestionProblem[] expected)
    {
        var change = await _h.Service.SetQuestionsAsync(Id, Password, [first, second], null, default);

        Assert.Equal(expected, change.Problems);
        Assert.Equal(CurrentPasswordStatus.NotChecked, change.Current.Status);
        Assert.Equal(0, ((FakeMailService)_h.Get<IMailService>()).SignIns);
        Assert.False(_h.Service.Find(Id)?.HasQuestions ?? false);
        Assert.Empty(await _h.SentAsync());
    }

    // A session left open on a shared computer is not the account: every change to how it can be recovered asks for
    // the current password, checked like a sign-in (throttled, counted, audited).

    [Fact]
    public async Task RequestBackupAddress_WithoutTheCurrentPassword_SendsNothing_AndAsksNoServer()
    {
        var request = await _h.Service.RequestBackupAddressAsync(Id, null, Backup, null, default);

        Assert.Equal(BackupRequestStatus.CurrentPasswordRefused, request.Status);
        Assert.Equal(CurrentPasswordStatus.Missing, request.Current!.Status);
        Assert.Equal(0, ((FakeMailService)_h.Get<IMailService>()).SignIns);
        Assert.Null(_h.Service.PendingBackupAddress(Id));
        Assert.Empty(await _h.SentAsync());
    }

    [Fact]
    public async Task RequestBackupAddress_WrongCurrentPassword_SendsNothing_CountsAsAFailedSignIn_AndIsAudited()
    {
        var statuses = new List<CurrentPasswordStatus>();
        BackupRequest last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await _h.Service.RequestBackupAddressAsync(Id, "pas le bon", Backup, null, default);
            statuses.Add(last.Current!.Status);
        }

        Assert.Equal(BackupRequestStatus.CurrentPasswordRefused, last.Status);
        Assert.Equal([.. Enumerable.Repeat(CurrentPasswordStatus.Wrong, 5), CurrentPasswordStatus.TooManyAttempts], statuses);
        Assert.True(last.Current!.Wait > TimeSpan.Zero);
        Assert.True(_h.Get<SignInThrottle>().WaitBeforeNextAttempt(Id, null) > TimeSpan.Zero);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRequested && e.Outcome == AuditOutcome.Failure);
        Assert.Null(_h.Service.PendingBackupAddress(Id));
        Assert.Empty(await _h.SentAsync());
    }

    [Fact]
    public async Task RequestBackupAddress_AddressRefused_SpendsNoSignInTry()
    {
        var request = await _h.Service.RequestBackupAddressAsync(Id, "pas le bon", "pas-une-adresse", null, default);

        Assert.Equal(BackupRequestStatus.Invalid, request.Status);
        Assert.Equal(CurrentPasswordStatus.NotChecked, request.Current!.Status);
        Assert.Equal(0, ((FakeMailService)_h.Get<IMailService>()).SignIns);
    }

    [Fact]
    public async Task RemoveBackupAddress_WithoutOrWithAWrongCurrentPassword_KeepsIt()
    {
        await ConfirmAsync(Backup);
        var sentBefore = (await _h.SentAsync()).Count;

        var missing = await _h.Service.RemoveBackupAddressAsync(Id, "", null, default);
        var wrong = await _h.Service.RemoveBackupAddressAsync(Id, "pas le bon", null, default);

        Assert.Equal(BackupRemovalStatus.CurrentPasswordRefused, missing.Status);
        Assert.Equal(CurrentPasswordStatus.Missing, missing.Current!.Status);
        Assert.Equal(CurrentPasswordStatus.Wrong, wrong.Current!.Status);
        Assert.Equal(Backup, _h.Service.Find(Id)!.BackupAddress);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRemoved && e.Outcome == AuditOutcome.Failure);
        Assert.Equal(sentBefore, (await _h.SentAsync()).Count);
    }

    [Theory]
    [InlineData(null, CurrentPasswordStatus.Missing)]
    [InlineData("pas le bon", CurrentPasswordStatus.Wrong)]
    public async Task SetQuestions_WithoutOrWithAWrongCurrentPassword_SavesNothing(string? current, CurrentPasswordStatus expected)
    {
        var change = await _h.Service.SetQuestionsAsync(Id, current,
            [new QuestionInput("1", null, "Éléonore"), new QuestionInput("2", null, "Lyon")], null, default);

        Assert.False(change.Saved);
        Assert.Empty(change.Problems);
        Assert.Equal(expected, change.Current.Status);
        Assert.False(_h.Service.Find(Id)?.HasQuestions ?? false);
        Assert.Empty(await _h.SentAsync());
    }

    [Fact]
    public async Task SetQuestions_MailServiceUnreachable_SavesNothing()
    {
        ((FakeMailService)_h.Get<IMailService>()).Unreachable = true;

        var change = await _h.Service.SetQuestionsAsync(Id, Password,
            [new QuestionInput("1", null, "Éléonore"), new QuestionInput("2", null, "Lyon")], null, default);

        Assert.Equal(CurrentPasswordStatus.Unavailable, change.Current.Status);
        Assert.False(_h.Service.Find(Id)?.HasQuestions ?? false);
    }

    /// <summary>
    /// Recovery shows decoy questions in the visitor's language for unknown identifiers: a question stored as its
    /// French text would stay French after switching the language cookie, and tell an enrolled account apart.
    /// </summary>
    [Fact]
    public async Task SetQuestions_Suggested_IsStoredByItsKey_AndShownInTheLanguageOfTheMoment()
    {
        var change = await _h.Service.SetQuestionsAsync(Id, Password,
            [new QuestionInput("3", null, "Éléonore"), new QuestionInput("5", null, "Lyon")], null, default);

        var stored = _h.Service.Find(Id)!.Questions.Select(q => q.Text).ToList();
        var suggested = _h.Get<SuggestedQuestions>();
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
            typed = "  " + _h.Get<SuggestedQuestions>().All[1].ToUpperInvariant() + " ";
        }

        using (new UiCulture("fr"))
        {
            await _h.Service.SetQuestionsAsync(Id, Password,
                [new QuestionInput(EnrolmentService.OwnQuestion, typed, "Éléonore"), new QuestionInput("5", null, "Lyon")], null, default);
        }

        Assert.Equal("Question_2", _h.Service.Find(Id)!.Questions[0].Text);
    }

    [Theory]
    [InlineData("Le nom de mon premier chat ?")]
    [InlineData("Question_99")]
    [InlineData("Question_")]
    public void Display_AnythingButASuggestedKey_IsShownAsWritten(string stored) =>
        Assert.Equal(stored, _h.Get<SuggestedQuestions>().Display(stored));

    [Fact]
    public async Task RequestBackupAddress_StrangersAskingRecoveryCodesForTheAccount_DoNotBlockIt()
    {
        var throttle = _h.Get<RecoveryThrottle>();
        for (var i = 0; i < 10; i++)
        {
            throttle.Record(RecoveryStep.CodeRequest, Id, System.Net.IPAddress.Parse("203.0.113." + i));
        }

        var request = await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        Assert.True(throttle.WaitBefore(RecoveryStep.CodeRequest, Id, null) > TimeSpan.Zero);
        Assert.Equal(BackupRequestStatus.Sent, request.Status);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("1234567a")]
    [InlineData("123456789")]
    public async Task ConfirmBackupAddress_BadlyFormedCode_SaysSo_AndBurnsNoTry(string typed)
    {
        await _h.Service.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var code = await _h.CodeSentToAsync(Backup);
        var statuses = new List<BackupConfirmationStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await _h.Service.ConfirmBackupAddressAsync(Id, typed, null, default)).Status);
        }

        var right = await _h.Service.ConfirmBackupAddressAsync(Id, code, null, default);

        Assert.All(statuses, s => Assert.Equal(BackupConfirmationStatus.BadFormat, s));
        Assert.Equal(BackupConfirmationStatus.Confirmed, right.Status);
    }

    [Fact]
    public async Task ChangePassword_RightCurrent_ChangesIt_EndsOtherSessions_AuditsAndTellsTheAccount()
    {
        var sessions = _h.Get<MailSessionManager>();
        var mail = _h.Get<IMailService>();
        var here = sessions.Create((await mail.SignInAsync(Id, EnrolmentHarness.Password, default)).Mailbox!, sharedComputer: true);
        var elsewhere = sessions.Create((await mail.SignInAsync(Id, EnrolmentHarness.Password, default)).Mailbox!, sharedComputer: false);

        var change = await _h.Service.ChangePasswordAsync(Id, here.Id, EnrolmentHarness.Password, NewPassword, null, default);

        Assert.Equal(PasswordChangeStatus.Changed, change.Status);
        Assert.Equal(NewPassword, _h.Directory.PasswordOf(Id));
        Assert.NotNull(await sessions.FindAsync(here.Id));
        Assert.Null(await sessions.FindAsync(elsewhere.Id));
        var notice = Assert.Single(await _h.SentAsync());
        Assert.Equal("Le mot de passe de votre compte a été changé", notice.Subject);
        Assert.Contains(Audit, e => e.Event == AuditEvent.PasswordChanged && e.Method == RecoveryMethod.SignedIn && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_IsRefused_AndCountsAsAFailedSignIn()
    {
        var statuses = new List<PasswordChangeStatus>();
        PasswordChange last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await _h.Service.ChangePasswordAsync(Id, "s", "pas le bon", NewPassword, null, default);
            statuses.Add(last.Status);
        }

        Assert.Equal([.. Enumerable.Repeat(PasswordChangeStatus.Refused, 5), PasswordChangeStatus.TooManyAttempts], statuses);
        Assert.True(last.Wait > TimeSpan.Zero);
        Assert.Equal(EnrolmentHarness.Password, _h.Directory.PasswordOf(Id));
        Assert.True(_h.Get<SignInThrottle>().WaitBeforeNextAttempt(Id, null) > TimeSpan.Zero);
        Assert.Contains(Audit, e => e.Event == AuditEvent.PasswordChanged && e.Outcome == AuditOutcome.Failure);
        Assert.Empty(await _h.SentAsync());
    }

    [Theory]
    [InlineData(EnrolmentHarness.Password, "", null, PasswordProblem.Missing)]
    [InlineData(EnrolmentHarness.Password, "court", null, PasswordProblem.TooShort)]
    [InlineData(EnrolmentHarness.Password, "1qaz2wsx3edc", null, PasswordProblem.Common)]
    [InlineData(EnrolmentHarness.Password, "camille.martin et son chat", null, PasswordProblem.ContainsIdentifier)]
    [InlineData(EnrolmentHarness.Password, EnrolmentHarness.Password, PasswordChangeIssue.SameAsCurrent, null)]
    [InlineData("", NewPassword, PasswordChangeIssue.CurrentMissing, null)]
    public async Task ChangePassword_RefusedBeforeAskingTheServer(string current, string next, PasswordChangeIssue? issue, PasswordProblem? problem)
    {
        var mail = (FakeMailService)_h.Get<IMailService>();

        var change = await _h.Service.ChangePasswordAsync(Id, "s", current, next, null, default);

        Assert.Equal(PasswordChangeStatus.Refused, change.Status);
        if (issue is not null)
        {
            Assert.Contains(issue.Value, change.Issues);
        }
        if (problem is not null || issue is null)
        {
            Assert.NotNull(change.NewPasswordProblem);
        }
        if (problem is not null)
        {
            Assert.Equal(problem, change.NewPasswordProblem);
        }
        Assert.Equal(0, mail.SignIns);
        Assert.Equal(EnrolmentHarness.Password, _h.Directory.PasswordOf(Id));
    }

    [Fact]
    public async Task ChangePassword_MailServiceUnreachable_ChangesNothing()
    {
        ((FakeMailService)_h.Get<IMailService>()).Unreachable = true;

        var change = await _h.Service.ChangePasswordAsync(Id, "s", EnrolmentHarness.Password, NewPassword, null, default);

        Assert.Equal(PasswordChangeStatus.Unavailable, change.Status);
        Assert.Equal(EnrolmentHarness.Password, _h.Directory.PasswordOf(Id));
        Assert.Empty(await _h.SentAsync());
    }

    /// <summary>The UI culture of this thread for a block, as the request localisation sets it.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly System.Globalization.CultureInfo _previous = System.Globalization.CultureInfo.CurrentUICulture;

        public UiCulture(string name) => System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _previous;
    }
}

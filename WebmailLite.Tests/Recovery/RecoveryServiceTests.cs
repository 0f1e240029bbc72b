using WebmailLite.Tests.Infrastructure;
using System.Net;
using System.Text.RegularExpressions;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed partial class RecoveryServiceTests : IAsyncLifetime
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private static readonly CancellationToken None = CancellationToken.None;

    private RecoveryRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await RecoveryRig.StartedAsync();
        _rig.Directory.Add("cmartin", "camille.martin@laposte.net", "cmartin@ac-test.fr");
        _rig.Directory.Add("jdupont", "jean.dupont@free.fr", "jdupont@ac-test.fr");
        // An account the administration holds no contact address for.
        _rig.Directory.Add("lpetit", null, "lpetit@ac-test.fr");
    }

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [GeneratedRegex("^[a-z•]•••@(•••|[a-z]+(\\.[a-z]+)+)$")]
    private static partial Regex MaskShape();

    [GeneratedRegex("Votre code : ([0-9]{8})")]
    private static partial Regex CodeInMail();

    private async Task<string> CodeSentToAsync(string address)
    {
        await _rig.FlushMailAsync();
        var mail = _rig.Mail.To(address).Last();
        return CodeInMail().Match(mail.TextBody ?? "").Groups[1].Value;
    }

    private async Task<string> GrantForAsync(string identifier, string contact)
    {
        await _rig.Service.SendContactCodeAsync(identifier, Client, None);
        var outcome = await _rig.Service.CheckCodeAsync(identifier, await CodeSentToAsync(contact), Client, None);
        Assert.Equal(CodeStepStatus.Granted, outcome.Status);
        return outcome.GrantToken!;
    }

    // ---- Method 1 and no enumeration ----

    [Fact]
    public async Task SendContactCode_KnownIdentifier_MailsACodeToTheContactAddress_AndShowsItMasked()
    {
        var shown = (await _rig.Service.SendContactCodeAsync("CMartin", Client, None)).MaskedAddress;

        Assert.Equal("c•••@laposte.net", shown);
        var code = await CodeSentToAsync("camille.martin@laposte.net");
        Assert.Matches("^[0-9]{8}$", code);
        Assert.Empty(_rig.Mail.To("cmartin@ac-test.fr"));
    }

    [Theory]
    [InlineData("inconnu")]
    [InlineData("lpetit")]
    public async Task SendContactCode_NoAccountOrNoAddress_AnswersAStableDecoyOfTheSameShape(string identifier)
    {
        var known = (await _rig.Service.SendContactCodeAsync("cmartin", Client, None)).MaskedAddress!;

        var first = (await _rig.Service.SendContactCodeAsync(identifier, Client, None)).MaskedAddress!;
        var second = (await _rig.Service.SendContactCodeAsync(identifier.ToUpperInvariant(), Client, None)).MaskedAddress;

        Assert.Matches(MaskShape(), known);
        Assert.Matches(MaskShape(), first);
        Assert.Equal(first, second);
        Assert.False(_rig.Codes.HasLiveCode(identifier, CodePurpose.PasswordReset));
        await _rig.FlushMailAsync();
        Assert.Single(_rig.Mail.Sent);
    }

    [Fact]
    public async Task SendContactCode_Decoys_AreMasksOfRealContactAddresses_VaryingBetweenIdentifiers()
    {
        var masks = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            masks.Add((await _rig.Service.SendContactCodeAsync("inconnu" + i, IPAddress.Parse("192.0.2." + i), None)).MaskedAddress!);
        }

        // The two contact addresses on file (cmartin's, jdupont's): a decoy can only look like one of them.
        Assert.Equal(["c•••@laposte.net", "j•••@free.fr"], masks.Order());
    }

    [Fact]
    public async Task SendContactCode_Twice_OnlyTheSecondCodeWorks()
    {
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var first = await CodeSentToAsync("camille.martin@laposte.net");
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var second = await CodeSentToAsync("camille.martin@laposte.net");

        Assert.Equal(CodeStepStatus.Refused, (await _rig.Service.CheckCodeAsync("cmartin", first, Client, None)).Status);
        Assert.Equal(nameof(CodeCheckStatus.Invalid), _rig.Audit.For("cmartin").First(e => e.Event == AuditEvent.CodeChecked).Detail);
        Assert.Equal(CodeStepStatus.Granted, (await _rig.Service.CheckCodeAsync("cmartin", second, Client, None)).Status);
    }

    [Fact]
    public async Task CheckCode_UnknownIdentifier_AnswersLikeAWrongCode()
    {
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var code = await CodeSentToAsync("camille.martin@laposte.net");
        var wrong = code == "00000000" ? "11111111" : "00000000";

        var unknown = await _rig.Service.CheckCodeAsync("inconnu", wrong, Client, None);
        var known = await _rig.Service.CheckCodeAsync("cmartin", wrong, Client, None);

        Assert.Equal(known, unknown);
        Assert.Null(known.GrantToken);
    }

    [Fact]
    public async Task CheckCode_FiveWrongTries_TheRightCodeThenFails()
    {
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var code = await CodeSentToAsync("camille.martin@laposte.net");
        var wrong = code == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < 5; i++)
        {
            await _rig.Service.CheckCodeAsync("cmartin", wrong, Client, None);
        }

        var sixth = await _rig.Service.CheckCodeAsync("cmartin", code, Client, None);
        Assert.NotEqual(CodeStepStatus.Granted, sixth.Status);
        Assert.Null(sixth.GrantToken);
    }

    // ---- Method 3: questions, then a code to the backup address ----

    [Fact]
    public void QuestionsFor_EnrolledPerson_AreTheirOwn()
    {
        _rig.Enrol("cmartin", "camille@orange.fr", ("Ma question à moi ?", "Réponse un"), ("Mon autre question ?", "Réponse deux"));

        Assert.Equal(["Ma question à moi ?", "Mon autre question ?"], _rig.Service.QuestionsFor("CMartin"));
    }

    [Theory]
    [InlineData("inconnu")]
    [InlineData("jdupont")]
    public void QuestionsFor_NoQuestions_TwoDifferentSuggestedOnes_TheSameEveryTime(string identifier)
    {
        var first = _rig.Service.QuestionsFor(identifier);
        var again = _rig.Service.QuestionsFor(identifier);
        var upper = _rig.Service.QuestionsFor(identifier.ToUpperInvariant());

        Assert.Equal(2, first.Count);
        Assert.NotEqual(first[0], first[1]);
        Assert.All(first, q => Assert.Contains(q, _rig.Questions.All));
        Assert.Equal(first, again);
        Assert.Equal(first, upper);
    }

    [Fact]
    public void QuestionsFor_Decoys_DifferBetweenIdentifiers()
    {
        var pairs = Enumerable.Range(0, 20).Select(i => string.Join("|", _rig.Service.QuestionsFor("inconnu" + i))).Distinct().Count();

        Assert.True(pairs > 3, $"{pairs} different pairs for 20 identifiers");
    }

    [Fact]
    public void QuestionsFor_Decoys_SurviveARestart_OnTheSameDatabase()
    {
        var before = _rig.Service.QuestionsFor("inconnu");
        var secretAgain = new RecoverySecret(new LiteDbRecoverySecretStore(_rig.Database), _rig.Protection);

        var service = new RecoveryService(_rig.Directory, _rig.Codes, _rig.Grants, _rig.Enrolments, _rig.Answers, _rig.Tickets, _rig.Throttle,
            _rig.Audit, _rig.Mailer, _rig.Policy, _rig.Questions, secretAgain, _rig.Sessions, _rig.Clock,
            Microsoft.Extensions.Options.Options.Create(_rig.Options), Microsoft.Extensions.Logging.Abstractions.NullLogger<RecoveryService>.Instance);

        Assert.Equal(before, service.QuestionsFor("inconnu"));
    }

    [Fact]
    public async Task AnswerQuestion_ComparesNormalised_AndIsFalseWithoutEnrolment()
    {
        _rig.Enrol("cmartin", "camille@orange.fr", ("Q1 ?", "Médor"), ("Q2 ?", "Rue des Lilas"));

        // Question 2 after a right question 1 says whether this answer was right too.
        Assert.True((await _rig.Service.AnswerQuestionAsync("cmartin", 1, "medor", false, Client, None)).Right);
        Assert.True((await _rig.Service.AnswerQuestionAsync("cmartin", 2, "rue des lilas", true, Client, None)).Right);
        Assert.False((await _rig.Service.AnswerQuestionAsync("cmartin", 2, "medor", true, Client, None)).Right);
        Assert.False((await _rig.Service.AnswerQuestionAsync("inconnu", 1, "medor", false, Client, None)).Right);
        Assert.False((await _rig.Service.AnswerQuestionAsync("jdupont", 1, "", false, Client, None)).Right);
    }

    [Fact]
    public async Task SendBackupCode_BothAnswersRight_SendsACodeToTheBackupAddressOnly()
    {
        _rig.Enrol("cmartin", "camille@orange.fr", ("Q1 ?", "Médor"), ("Q2 ?", "Rue des Lilas"));

        await _rig.Service.AnswerQuestionAsync("cmartin", 2, "Rue des Lilas", firstAnswerRight: true, Client, None);

        var code = await CodeSentToAsync("camille@orange.fr");
        Assert.Empty(_rig.Mail.To("camille.martin@laposte.net"));
        var outcome = await _rig.Service.CheckCodeAsync("cmartin", code, Client, None);
        Assert.Equal(RecoveryMethod.BackupAddress, _rig.Grants.Find(outcome.GrantToken, "cmartin")!.Method);
    }

    [Fact]
    public async Task SendBackupCode_AnAnswerWrong_NoCode_NoMail()
    {
        _rig.Enrol("cmartin", "camille@orange.fr", ("Q1 ?", "Médor"), ("Q2 ?", "Rue des Lilas"));

        await _rig.Service.AnswerQuestionAsync("cmartin", 2, "Rue des Lilas", firstAnswerRight: false, Client, None);

        Assert.False(_rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
        await _rig.FlushMailAsync();
        Assert.Empty(_rig.Mail.Sent);
        Assert.Contains(_rig.Audit.For("cmartin"), e => e.Event == AuditEvent.AnswersChecked && e.Outcome == AuditOutcome.Failure);
    }

    [Theory]
    [InlineData("cmartin")]
    [InlineData("inconnu")]
    public async Task SendBackupCode_NoBackupAddress_NoCodeEvenWithBothAnswersRight(string identifier)
    {
        _rig.Enrol(identifier, null, ("Q1 ?", "Médor"), ("Q2 ?", "Rue des Lilas"));

        await _rig.Service.AnswerQuestionAsync(identifier, 2, "Rue des Lilas", firstAnswerRight: true, Client, None);

        Assert.False(_rig.Codes.HasLiveCode(identifier, CodePurpose.PasswordReset));
        await _rig.FlushMailAsync();
        Assert.Empty(_rig.Mail.Sent);
    }

    [Fact]
    public async Task SendBackupCode_WrongAnswers_AreThrottledPerIdentifier()
    {
        for (var i = 0; i < _rig.Options.MaxAnswerFailuresPerIdentifier; i++)
        {
            await _rig.Service.AnswerQuestionAsync("inconnu", 2, "Rue des Lilas", firstAnswerRight: false, IPAddress.Parse("192.0.2." + i), None);
        }

        Assert.True(_rig.Throttle.WaitBefore(RecoveryStep.WrongAnswers, "inconnu", Client) > TimeSpan.Zero);
    }

    // ---- The new password ----

    [Fact]
    public async Task ResetPassword_PolicyFailure_IsRefused_WithoutConsumingTheGrant()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");

        var common = await _rig.Service.ResetPasswordAsync("cmartin", grant, "Password 1234", None);
        var identifier = await _rig.Service.ResetPasswordAsync("cmartin", grant, "cmartin au soleil", None);
        var tooShort = await _rig.Service.ResetPasswordAsync("cmartin", grant, "court", None);

        Assert.Equal(new ResetOutcome(ResetStatus.Refused, PasswordProblem.Common), common);
        Assert.Equal(new ResetOutcome(ResetStatus.Refused, PasswordProblem.ContainsIdentifier), identifier);
        Assert.Equal(new ResetOutcome(ResetStatus.Refused, PasswordProblem.TooShort), tooShort);
        Assert.True(_rig.Service.HasGrant("cmartin", grant));
        Assert.Equal(0, _rig.Directory["cmartin"].PasswordChanges);
        Assert.Equal(ResetStatus.Changed, (await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None)).Status);
    }

    [Fact]
    public async Task ResetPassword_RefusedByTheDirectorysOwnPolicy_IsRefusedWithItsReason_TheGrantKept()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");
        _rig.Directory.FailWith = new WebmailLite.Accounts.DirectoryPasswordRefusedException(PasswordProblem.RecentlyUsed);

        var refused = await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None);

        Assert.Equal(new ResetOutcome(ResetStatus.Refused, PasswordProblem.RecentlyUsed), refused);
        Assert.True(_rig.Service.HasGrant("cmartin", grant));
        _rig.Directory.FailWith = null;
        Assert.Equal(ResetStatus.Changed, (await _rig.Service.ResetPasswordAsync("cmartin", grant, "un tout autre mot de passe", None)).Status);
    }

    [Fact]
    public async Task ResetPassword_ConsumesTheGrantOnce()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");

        var first = await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None);
        var second = await _rig.Service.ResetPasswordAsync("cmartin", grant, "un autre mot de passe long", None);

        Assert.Equal(ResetStatus.Changed, first.Status);
        Assert.Equal(ResetStatus.NoGrant, second.Status);
        Assert.Equal("la mer est calme ce soir", _rig.Directory["cmartin"].Password);
        Assert.Equal(1, _rig.Directory["cmartin"].PasswordChanges);
    }

    [Fact]
    public async Task ResetPassword_TwoTabsAtOnce_OnlyOneChangesThePassword()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme onglet " + i, None))));

        Assert.Single(outcomes, o => o.Status == ResetStatus.Changed);
        Assert.Equal(7, outcomes.Count(o => o.Status == ResetStatus.NoGrant));
        Assert.Equal(1, _rig.Directory["cmartin"].PasswordChanges);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pas-un-jeton")]
    public async Task ResetPassword_WithoutAGrant_ChangesNothing(string? grant)
    {
        Assert.Equal(ResetOutcome.NoGrant, await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None));
        Assert.Equal(0, _rig.Directory["cmartin"].PasswordChanges);
    }

    [Fact]
    public async Task ResetPassword_AnotherAccountsGrant_ChangesNothing()
    {
        var grant = await GrantForAsync("jdupont", "jean.dupont@free.fr");

        Assert.Equal(ResetOutcome.NoGrant, await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None));
        Assert.Equal(0, _rig.Directory["cmartin"].PasswordChanges);
    }

    [Fact]
    public async Task ResetPassword_ExpiredGrant_ChangesNothing()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");

        _rig.Clock.Advance(_rig.Options.ResetGrantLifetime);

        Assert.Equal(ResetOutcome.NoGrant, await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None));
    }

    [Fact]
    public async Task ResetPassword_EndsSessions_KillsCodes_NotifiesBothAddresses_Audits()
    {
        _rig.Enrol("cmartin", "camille@orange.fr");
        var phone = new IdentityOnlyMailbox("cmartin");
        var school = new IdentityOnlyMailbox("CMartin");
        var colleague = new IdentityOnlyMailbox("jdupont");
        var phoneSession = _rig.Sessions.Create(phone, sharedComputer: false);
        var schoolSession = _rig.Sessions.Create(school, sharedComputer: true);
        var colleagueSession = _rig.Sessions.Create(colleague, sharedComputer: true);
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var code = await CodeSentToAsync("camille.martin@laposte.net");
        var grant = (await _rig.Service.CheckCodeAsync("cmartin", code, Client, None)).GrantToken;
        // A further code asked meanwhile (another tab): it must not outlive the change.
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        Assert.True(_rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));

        var outcome = await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None);

        Assert.Equal(ResetOutcome.Changed, outcome);
        Assert.Null(await _rig.Sessions.FindAsync(phoneSession.Id));
        Assert.Null(await _rig.Sessions.FindAsync(schoolSession.Id));
        Assert.True(phone.Closed && school.Closed);
        Assert.NotNull(await _rig.Sessions.FindAsync(colleagueSession.Id));
        Assert.False(colleague.Closed);
        Assert.False(_rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));

        await _rig.FlushMailAsync();
        foreach (var address in new[] { "cmartin@ac-test.fr", "camille@orange.fr" })
        {
            var notice = Assert.Single(_rig.Mail.To(address));
            Assert.Contains("a été changé le 02/03/2026 08:00 UTC", notice.TextBody, StringComparison.Ordinal);
            Assert.Contains("avec un code envoyé à l'adresse connue de l'académie", notice.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("la mer est calme", notice.TextBody, StringComparison.Ordinal);
        }

        var changed = Assert.Single(_rig.Audit.For("cmartin"), e => e.Event == AuditEvent.PasswordChanged);
        Assert.Equal(RecoveryMethod.ContactMail, changed.Method);
        Assert.Equal(AuditOutcome.Success, changed.Outcome);
        Assert.Equal(RecoveryRig.Start.UtcDateTime, changed.At);
        var everything = string.Join("\n", _rig.Database.Database.GetCollection("recovery_audit").FindAll().Select(d => LiteDB.JsonSerializer.Serialize(d)));
        Assert.DoesNotContain(code, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(grant!, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("la mer est calme", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_WithoutBackupAddress_NotifiesTheAccountOnly()
    {
        var grant = await GrantForAsync("cmartin", "camille.martin@laposte.net");

        await _rig.Service.ResetPasswordAsync("cmartin", grant, "la mer est calme ce soir", None);
        await _rig.FlushMailAsync();

        Assert.Equal(["camille.martin@laposte.net", "cmartin@ac-test.fr"],
            _rig.Mail.Sent.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    // ---- Limits and the response floor: the service's own, whatever page calls it ----

    [Fact]
    public async Task SendContactCode_TooManyRequests_AnswersTheWait_AndSendsNothing()
    {
        for (var i = 0; i < _rig.Options.MaxRequestsPerIdentifier; i++)
        {
            Assert.Equal(TimeSpan.Zero, (await _rig.Service.SendContactCodeAsync("cmartin", Client, None)).Wait);
        }

        var refused = await _rig.Service.SendContactCodeAsync("CMartin", Client, None);

        Assert.Equal(TimeSpan.FromHours(1), refused.Wait);
        Assert.Null(refused.MaskedAddress);
        await _rig.FlushMailAsync();
        Assert.Equal(_rig.Options.MaxRequestsPerIdentifier, _rig.Mail.To("camille.martin@laposte.net").Count());
    }

    [Fact]
    public async Task CheckCode_TooManyWrongCodesFromTheAddress_ChecksNothing_AndTheCodeStaysAlive()
    {
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var code = await CodeSentToAsync("camille.martin@laposte.net");
        for (var i = 0; i < _rig.Options.MaxFailuresPerAddress; i++)
        {
            _rig.Throttle.Record(RecoveryStep.WrongCode, null, Client);
        }

        var blocked = await _rig.Service.CheckCodeAsync("cmartin", code, Client, None);
        var elsewhere = await _rig.Service.CheckCodeAsync("cmartin", code, IPAddress.Parse("192.0.2.99"), None);

        Assert.Equal(new CodeOutcome(CodeStepStatus.TooManyAttempts, Wait: TimeSpan.FromHours(1)), blocked);
        Assert.Equal(CodeStepStatus.Granted, elsewhere.Status);
    }

    [Theory]
    [InlineData("", CodeStepStatus.Missing)]
    [InlineData("   ", CodeStepStatus.Missing)]
    [InlineData("1234567", CodeStepStatus.BadFormat)]
    [InlineData("1234567a", CodeStepStatus.BadFormat)]
    public async Task CheckCode_NotACode_SaysWhy_AndBurnsNoTry(string typed, CodeStepStatus expected)
    {
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        var code = await CodeSentToAsync("camille.martin@laposte.net");

        var statuses = new List<CodeStepStatus>();
        for (var i = 0; i < _rig.Options.MaxCodeAttempts + 1; i++)
        {
            statuses.Add((await _rig.Service.CheckCodeAsync("cmartin", typed, Client, None)).Status);
        }

        Assert.All(statuses, status => Assert.Equal(expected, status));
        Assert.Equal(CodeStepStatus.Granted, (await _rig.Service.CheckCodeAsync("cmartin", code, Client, None)).Status);
    }

    [Fact]
    public async Task OpenTicket_TooManyRequests_AnswersTheWait_AndOpensNothing()
    {
        for (var i = 0; i < _rig.Options.MaxRequestsPerIdentifier; i++)
        {
            Assert.Equal(TicketOutcome.Opened, await _rig.Service.OpenTicketAsync("cmartin", "06 00 00 00 0" + i, null, Client, None));
        }

        var refused = await _rig.Service.OpenTicketAsync("cmartin", "06 00 00 00 09", null, Client, None);

        Assert.Equal(TimeSpan.FromHours(1), refused.Wait);
        Assert.Equal(_rig.Options.MaxRequestsPerIdentifier, _rig.Audit.For("cmartin").Count(e => e.Event == AuditEvent.TicketOpened));
    }

    [Fact]
    public async Task AnswerQuestion_AfterTooManyWrongAnswers_AnswersTheWait_WithoutHashing()
    {
        _rig.Enrol("cmartin", "camille@orange.fr", ("Q1 ?", "Médor"), ("Q2 ?", "Rue des Lilas"));
        for (var i = 0; i < _rig.Options.MaxAnswerFailuresPerIdentifier; i++)
        {
            await _rig.Service.AnswerQuestionAsync("cmartin", 2, "Rue des Lilas", firstAnswerRight: false, IPAddress.Parse("192.0.2." + i), None);
        }

        var attempts = _rig.Database.Collection<WebmailLite.Storage.LiteDbAttemptStore.Attempt>("attempts");
        var before = attempts.Count();

        var blocked = await _rig.Service.AnswerQuestionAsync("cmartin", 1, "Médor", false, Client, None);

        Assert.Equal(new AnswerOutcome(false, TimeSpan.FromHours(1)), blocked);
        // Every hashed answer is counted (per address): nothing was counted, so nothing was hashed.
        Assert.Equal(before, attempts.Count());
    }

    /// <summary>
    /// The production costs every other recovery test cuts (the rig hashes with fewer iterations and has no floor):
    /// 600,000 PBKDF2 iterations and a 150 ms floor by default, and a step that may send a code really waits for it.
    /// </summary>
    [Theory]
    [InlineData("cmartin")]
    [InlineData("personne.inconnue")]
    public async Task ProductionDefaults_600000Iterations_And150MsFloor_ThatReallyPadsAStep(string identifier)
    {
        var defaults = new RecoveryOptions();
        Assert.Equal(600_000, defaults.AnswerHashIterations);
        Assert.Equal(TimeSpan.FromMilliseconds(150), defaults.MinimumResponseTime);
        await using var rig = await RecoveryRig.StartedAsync(o => o.MinimumResponseTime = defaults.MinimumResponseTime);
        rig.Directory.Add("cmartin", "camille.martin@laposte.net", "cmartin@ac-test.fr");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await rig.Service.SendContactCodeAsync(identifier, Client, None);
        watch.Stop();

        Assert.NotNull(outcome.MaskedAddress);
        // Task.Delay counts whole milliseconds: a hair under 150 ms still proves the floor (without it, about 10 ms).
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(148), $"answered in {watch.Elapsed.TotalMilliseconds:F1} ms");
    }
}

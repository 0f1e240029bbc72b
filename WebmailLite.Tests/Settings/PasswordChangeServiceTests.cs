using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Tests.Settings;

/// <summary>« Changer le mot de passe » while signed in: the current password checked like a sign-in, the new one by the policy.</summary>
public sealed class PasswordChangeServiceTests : EnrolmentTests
{
    private const string NewPassword = "une longue phrase facile à retenir";

    [Fact]
    public async Task ChangePassword_RightCurrent_ChangesIt_EndsOtherSessions_AuditsAndTellsTheAccount()
    {
        var sessions = H.Get<MailSessionManager>();
        var mail = H.Get<IMailService>();
        var here = sessions.Create((await mail.SignInAsync(Id, EnrolmentHarness.Password, default)).Mailbox!, sharedComputer: true);
        var elsewhere = sessions.Create((await mail.SignInAsync(Id, EnrolmentHarness.Password, default)).Mailbox!, sharedComputer: false);

        var change = await H.PasswordChange.ChangePasswordAsync(Id, here.Id, EnrolmentHarness.Password, NewPassword, null, default);

        Assert.Equal(PasswordChangeStatus.Changed, change.Status);
        Assert.Equal(NewPassword, H.Directory.PasswordOf(Id));
        Assert.NotNull(await sessions.FindAsync(here.Id));
        Assert.Null(await sessions.FindAsync(elsewhere.Id));
        var notice = Assert.Single(await H.SentAsync());
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
            last = await H.PasswordChange.ChangePasswordAsync(Id, "s", "pas le bon", NewPassword, null, default);
            statuses.Add(last.Status);
        }

        Assert.Equal([.. Enumerable.Repeat(PasswordChangeStatus.Refused, 5), PasswordChangeStatus.TooManyAttempts], statuses);
        Assert.True(last.Wait > TimeSpan.Zero);
        Assert.Equal(EnrolmentHarness.Password, H.Directory.PasswordOf(Id));
        Assert.True(H.Get<SignInService>().WaitBefore(Id, null) > TimeSpan.Zero);
        Assert.Contains(Audit, e => e.Event == AuditEvent.PasswordChanged && e.Outcome == AuditOutcome.Failure);
        Assert.Empty(await H.SentAsync());
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
        var mail = (FakeMailService)H.Get<IMailService>();

        var change = await H.PasswordChange.ChangePasswordAsync(Id, "s", current, next, null, default);

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
        Assert.Equal(EnrolmentHarness.Password, H.Directory.PasswordOf(Id));
    }

    [Fact]
    public async Task ChangePassword_MailServiceUnreachable_ChangesNothing()
    {
        ((FakeMailService)H.Get<IMailService>()).Unreachable = true;

        var change = await H.PasswordChange.ChangePasswordAsync(Id, "s", EnrolmentHarness.Password, NewPassword, null, default);

        Assert.Equal(PasswordChangeStatus.Unavailable, change.Status);
        Assert.Equal(EnrolmentHarness.Password, H.Directory.PasswordOf(Id));
        Assert.Empty(await H.SentAsync());
    }
}

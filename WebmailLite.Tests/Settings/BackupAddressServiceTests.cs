using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Tests.Settings;

/// <summary>
/// The backup address of « Sécurité du compte »: added only through a code sent to it, removed with the current password.
/// A session left open on a shared computer is not the account: every change to how it can be recovered asks for the
/// current password, checked like a sign-in (throttled, counted, audited).
/// </summary>
public sealed class BackupAddressServiceTests : EnrolmentTests
{
    private const string Backup = "camille.perso@laposte.net";

    private async Task ConfirmAsync(string address)
    {
        Assert.Equal(BackupRequestStatus.Sent, (await H.Backup.RequestBackupAddressAsync(Id, Password, address, null, default)).Status);
        var code = await H.CodeSentToAsync(address);
        Assert.Equal(BackupConfirmationStatus.Confirmed, (await H.Backup.ConfirmBackupAddressAsync(Id, code, null, default)).Status);
    }

    [Fact]
    public async Task RequestBackupAddress_SendsACodeToTheNewAddress_AndSavesNothingYet()
    {
        var request = await H.Backup.RequestBackupAddressAsync(Id, Password, "  " + Backup + " ", null, default);

        var sent = Assert.Single(await H.SentAsync());
        Assert.Equal(BackupRequestStatus.Sent, request.Status);
        Assert.Equal(Backup, sent.To.Mailboxes.Single().Address);
        Assert.Matches(@"\b\d{8}\b", sent.TextBody);
        Assert.Contains(Id, sent.TextBody);
        Assert.Null(H.Enrolments.Find(Id)?.BackupAddress);
        Assert.Equal(Backup, H.Backup.PendingBackupAddress(Id));
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
        var request = await H.Backup.RequestBackupAddressAsync(Id, Password, typed, null, default);

        Assert.Equal(expected, request.Status);
        Assert.Empty(await H.SentAsync());
        Assert.Null(H.Backup.PendingBackupAddress(Id));
    }

    [Fact]
    public async Task ConfirmBackupAddress_RightCode_SavesIt_AndTellsTheAccountAddress()
    {
        await ConfirmAsync(Backup);

        var sent = await H.SentAsync();
        Assert.Equal(Backup, H.Enrolments.Find(Id)!.BackupAddress);
        Assert.Null(H.Backup.PendingBackupAddress(Id));
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

        var sent = await H.SentAsync();
        Assert.Equal("autre.adresse@orange.fr", H.Enrolments.Find(Id)!.BackupAddress);
        var replaced = Assert.Single(sent, m => m.Subject == "Cette adresse n'est plus l'adresse de secours");
        Assert.Equal(Backup, replaced.To.Mailboxes.Single().Address);
        Assert.Equal(2, sent.Count(m => m.Subject == "Nouvelle adresse de secours"));
    }

    [Fact]
    public async Task ConfirmBackupAddress_WrongCode_SavesNothing_AndFiveWrongTriesKillTheCode()
    {
        await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var right = await H.CodeSentToAsync(Backup);
        var wrong = right == "00000000" ? "11111111" : "00000000";

        var outcomes = new List<BackupConfirmationStatus>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await H.Backup.ConfirmBackupAddressAsync(Id, wrong, null, default)).Status);
        }
        var afterwards = await H.Backup.ConfirmBackupAddressAsync(Id, right, null, default);

        Assert.Equal([.. Enumerable.Repeat(BackupConfirmationStatus.Wrong, 4), BackupConfirmationStatus.Killed], outcomes);
        Assert.Equal(BackupConfirmationStatus.Wrong, afterwards.Status);
        Assert.Null(H.Enrolments.Find(Id)?.BackupAddress);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressConfirmed && e.Outcome == AuditOutcome.Failure);
    }

    [Fact]
    public async Task ConfirmBackupAddress_AfterTheLifetime_IsExpired()
    {
        await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var code = await H.CodeSentToAsync(Backup);
        H.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var outcome = await H.Backup.ConfirmBackupAddressAsync(Id, code, null, default);

        Assert.Equal(BackupConfirmationStatus.Expired, outcome.Status);
        Assert.Null(H.Enrolments.Find(Id)?.BackupAddress);
    }

    [Fact]
    public async Task ConfirmBackupAddress_CodeOfAnEarlierRequest_NoLongerWorks()
    {
        await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var first = await H.CodeSentToAsync(Backup);
        await H.Backup.RequestBackupAddressAsync(Id, Password, "autre.adresse@orange.fr", null, default);
        var second = await H.CodeSentToAsync("autre.adresse@orange.fr");

        var withFirst = first == second ? BackupConfirmationStatus.Wrong : (await H.Backup.ConfirmBackupAddressAsync(Id, first, null, default)).Status;
        var withSecond = await H.Backup.ConfirmBackupAddressAsync(Id, " " + second[..4] + " " + second[4..], null, default);

        Assert.Equal(BackupConfirmationStatus.Wrong, withFirst);
        Assert.Equal(BackupConfirmationStatus.Confirmed, withSecond.Status);
        Assert.Equal("autre.adresse@orange.fr", H.Enrolments.Find(Id)!.BackupAddress);
    }

    [Fact]
    public async Task ConfirmBackupAddress_EmptyCode_IsMissing_AndCountsNoTry()
    {
        await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        var outcome = await H.Backup.ConfirmBackupAddressAsync(Id, "  ", null, default);

        Assert.Equal(BackupConfirmationStatus.Missing, outcome.Status);
        Assert.Equal(Backup, H.Backup.PendingBackupAddress(Id));
    }

    [Fact]
    public async Task RequestBackupAddress_IsLimitedPerAccount()
    {
        var statuses = new List<BackupRequestStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await H.Backup.RequestBackupAddressAsync(Id, Password, $"adresse{i}@laposte.net", null, default)).Status);
        }
        var refused = await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        Assert.Equal([.. Enumerable.Repeat(BackupRequestStatus.Sent, 5), BackupRequestStatus.TooManyRequests], statuses);
        Assert.True(refused.Wait > TimeSpan.Zero && refused.Wait <= TimeSpan.FromHours(1));
        Assert.Equal(5, (await H.SentAsync()).Count);
    }

    [Fact]
    public async Task RequestBackupAddress_IsLimitedPerRecipient_WhateverTheAccount()
    {
        var statuses = new List<BackupRequestStatus>();
        for (var i = 0; i < 6; i++)
        {
            var identifier = "compte" + i;
            H.Directory.Add(identifier, identifier + "@ac-test.fr", "x");
            statuses.Add((await H.Backup.RequestBackupAddressAsync(identifier, "x", "victime@laposte.net", null, default)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(BackupRequestStatus.Sent, 5), BackupRequestStatus.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RemoveBackupAddress_RemovesIt_TellsBothAddresses_AndKillsAPendingCode()
    {
        await ConfirmAsync(Backup);
        await H.Backup.RequestBackupAddressAsync(Id, Password, "autre.adresse@orange.fr", null, default);
        var pending = await H.CodeSentToAsync("autre.adresse@orange.fr");

        var removed = await H.Backup.RemoveBackupAddressAsync(Id, Password, null, default);
        var again = await H.Backup.RemoveBackupAddressAsync(Id, Password, null, default);
        var late = await H.Backup.ConfirmBackupAddressAsync(Id, pending, null, default);

        var notices = (await H.SentAsync()).Where(m => m.Subject == "Adresse de secours retirée").ToList();
        Assert.Equal(BackupRemovalStatus.Removed, removed.Status);
        Assert.Equal(BackupRemovalStatus.NothingToRemove, again.Status);
        Assert.NotEqual(BackupConfirmationStatus.Confirmed, late.Status);
        Assert.Null(H.Enrolments.Find(Id)!.BackupAddress);
        Assert.Equal([EnrolmentHarness.AccountAddress, Backup], notices.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRemoved);
    }

    [Fact]
    public async Task RequestBackupAddress_WithoutTheCurrentPassword_SendsNothing_AndAsksNoServer()
    {
        var request = await H.Backup.RequestBackupAddressAsync(Id, null, Backup, null, default);

        Assert.Equal(BackupRequestStatus.CurrentPasswordRefused, request.Status);
        Assert.Equal(CurrentPasswordStatus.Missing, request.Current!.Status);
        Assert.Equal(0, ((FakeMailService)H.Get<IMailService>()).SignIns);
        Assert.Null(H.Backup.PendingBackupAddress(Id));
        Assert.Empty(await H.SentAsync());
    }

    [Fact]
    public async Task RequestBackupAddress_WrongCurrentPassword_SendsNothing_CountsAsAFailedSignIn_AndIsAudited()
    {
        var statuses = new List<CurrentPasswordStatus>();
        BackupRequest last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await H.Backup.RequestBackupAddressAsync(Id, "pas le bon", Backup, null, default);
            statuses.Add(last.Current!.Status);
        }

        Assert.Equal(BackupRequestStatus.CurrentPasswordRefused, last.Status);
        Assert.Equal([.. Enumerable.Repeat(CurrentPasswordStatus.Wrong, 5), CurrentPasswordStatus.TooManyAttempts], statuses);
        Assert.True(last.Current!.Wait > TimeSpan.Zero);
        Assert.True(H.Get<SignInService>().WaitBefore(Id, null) > TimeSpan.Zero);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRequested && e.Outcome == AuditOutcome.Failure);
        Assert.Null(H.Backup.PendingBackupAddress(Id));
        Assert.Empty(await H.SentAsync());
    }

    [Fact]
    public async Task RequestBackupAddress_AddressRefused_SpendsNoSignInTry()
    {
        var request = await H.Backup.RequestBackupAddressAsync(Id, "pas le bon", "pas-une-adresse", null, default);

        Assert.Equal(BackupRequestStatus.Invalid, request.Status);
        Assert.Equal(CurrentPasswordStatus.NotChecked, request.Current!.Status);
        Assert.Equal(0, ((FakeMailService)H.Get<IMailService>()).SignIns);
    }

    [Fact]
    public async Task RemoveBackupAddress_WithoutOrWithAWrongCurrentPassword_KeepsIt()
    {
        await ConfirmAsync(Backup);
        var sentBefore = (await H.SentAsync()).Count;

        var missing = await H.Backup.RemoveBackupAddressAsync(Id, "", null, default);
        var wrong = await H.Backup.RemoveBackupAddressAsync(Id, "pas le bon", null, default);

        Assert.Equal(BackupRemovalStatus.CurrentPasswordRefused, missing.Status);
        Assert.Equal(CurrentPasswordStatus.Missing, missing.Current!.Status);
        Assert.Equal(CurrentPasswordStatus.Wrong, wrong.Current!.Status);
        Assert.Equal(Backup, H.Enrolments.Find(Id)!.BackupAddress);
        Assert.Contains(Audit, e => e.Event == AuditEvent.BackupAddressRemoved && e.Outcome == AuditOutcome.Failure);
        Assert.Equal(sentBefore, (await H.SentAsync()).Count);
    }

    [Fact]
    public async Task RequestBackupAddress_StrangersAskingRecoveryCodesForTheAccount_DoNotBlockIt()
    {
        var throttle = H.Get<RecoveryThrottle>();
        for (var i = 0; i < 10; i++)
        {
            throttle.Record(RecoveryStep.CodeRequest, Id, System.Net.IPAddress.Parse("203.0.113." + i));
        }

        var request = await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);

        Assert.True(throttle.WaitBefore(RecoveryStep.CodeRequest, Id, null) > TimeSpan.Zero);
        Assert.Equal(BackupRequestStatus.Sent, request.Status);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("1234567a")]
    [InlineData("123456789")]
    public async Task ConfirmBackupAddress_BadlyFormedCode_SaysSo_AndBurnsNoTry(string typed)
    {
        await H.Backup.RequestBackupAddressAsync(Id, Password, Backup, null, default);
        var code = await H.CodeSentToAsync(Backup);
        var statuses = new List<BackupConfirmationStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await H.Backup.ConfirmBackupAddressAsync(Id, typed, null, default)).Status);
        }

        var right = await H.Backup.ConfirmBackupAddressAsync(Id, code, null, default);

        Assert.All(statuses, s => Assert.Equal(BackupConfirmationStatus.BadFormat, s));
        Assert.Equal(BackupConfirmationStatus.Confirmed, right.Status);
    }
}

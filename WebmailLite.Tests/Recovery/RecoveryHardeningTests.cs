using System.Net;
using WebmailLite.Accounts;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

/// <summary>Rules added after the security review: per-method codes, revocation by the desk, failed writes, masks, audit symmetry.</summary>
public sealed class RecoveryHardeningTests : IAsyncLifetime
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.20");
    private static readonly CancellationToken None = CancellationToken.None;

    private RecoveryRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await RecoveryRig.StartedAsync();
        _rig.Directory.Add("cmartin", "camille.martin@laposte.net", "cmartin@ac-test.fr");
    }

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public void AMailCode_DoesNotKillTheCodeTheDeskReadOut_ButANewDeskCodeDoes()
    {
        var desk = _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));
        _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        Assert.Equal(RecoveryMethod.Assistance, _rig.Codes.Check("cmartin", CodePurpose.PasswordReset, desk).Method);

        var first = _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));
        _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));
        Assert.False(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, first).IsValid);
    }

    [Fact]
    public void WrongTries_CountAgainstEveryLiveCode_SoTwoMethodsGiveNoMoreGuesses()
    {
        var mail = _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var desk = _rig.Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));
        var wrong = mail == "00000000" || desk == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < _rig.Options.MaxCodeAttempts; i++)
        {
            Assert.False(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, wrong).IsValid);
        }

        Assert.False(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, mail).IsValid);
        Assert.False(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, desk).IsValid);
    }

    [Fact]
    public async Task ClosingARequest_RevokesTheCodeTheDeskGave()
    {
        var ticket = _rig.Tickets.Open("cmartin", "06 00 00 00 00", null);
        var code = await _rig.Desk.IssueCodeAsync(ticket, "agent", "Rappel au numéro de l'annuaire", None);

        _rig.Desk.Close(ticket, "agent", "Appelant non reconnu");

        Assert.False(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, code!).IsValid);
    }

    [Fact]
    public async Task AFailedWrite_LeavesNothingChanged_AndGivesTheGrantBack()
    {
        _rig.Directory.FailWith = new IOException("locked");
        await _rig.Service.SendContactCodeAsync("cmartin", Client, None);
        await _rig.FlushMailAsync();
        var code = System.Text.RegularExpressions.Regex.Match(_rig.Mail.To("camille.martin@laposte.net").Last().TextBody!, "[0-9]{8}").Value;
        var grant = (await _rig.Service.CheckCodeAsync("cmartin", code, Client, None)).GrantToken;

        var failed = await _rig.Service.ResetPasswordAsync("cmartin", grant, "une phrase assez longue", None);
        _rig.Directory.FailWith = null;
        var retried = await _rig.Service.ResetPasswordAsync("cmartin", grant, "une phrase assez longue", None);

        Assert.Equal(ResetStatus.Failed, failed.Status);
        Assert.Equal(ResetStatus.Changed, retried.Status);
        Assert.Equal(1, _rig.Directory["cmartin"].PasswordChanges);
    }

    [Theory]
    [InlineData("Jean.Dupont@LaPoste.net", "j•••@laposte.net")]
    [InlineData("jean@ac-limoges.fr", "j•••@•••")]
    [InlineData("jean@exemple.org", "j•••@•••")]
    [InlineData("2jean@free.fr", "••••@free.fr")]
    public void Mask_ShowsOnlyTheShapesDecoysAlsoTake(string address, string expected) =>
        Assert.Equal(expected, RecoveryService.Mask(address));

    [Fact]
    public void Policy_RefusesControlCharacters() =>
        Assert.Equal(PasswordProblem.ControlCharacters, _rig.Policy.Check("une phrase\u0000assez longue", "cmartin"));

    [Fact]
    public async Task WrongCodes_AreAudited_ForKnownAndUnknownIdentifiersAlike()
    {
        await _rig.Service.CheckCodeAsync("cmartin", "12345678", Client, None);
        await _rig.Service.CheckCodeAsync("personne", "12345678", Client, None);

        Assert.Single(_rig.Audit.For("cmartin"), e => e.Event == AuditEvent.CodeChecked && e.Outcome == AuditOutcome.Failure);
        Assert.Single(_rig.Audit.For("personne"), e => e.Event == AuditEvent.CodeChecked && e.Outcome == AuditOutcome.Failure);
    }
}

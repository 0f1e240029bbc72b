using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class RecoveryMailerTests : IAsyncLifetime
{
    private RecoveryRig _rig = null!;

    public async Task InitializeAsync() => _rig = await RecoveryRig.StartedAsync();

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Send_HandsTheMailToSystemMail_FrenchThenEnglish()
    {
        _rig.Mailer.Send("camille@laposte.net", "ResetCode", "12345678", 15, "cmartin");
        await _rig.FlushMailAsync();

        var mail = Assert.Single(_rig.Mail.Sent);
        Assert.Equal("camille@laposte.net", Assert.Single(mail.To.Mailboxes).Address);
        Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
        var body = mail.TextBody ?? "";
        var french = body.IndexOf("Votre code : 12345678", StringComparison.Ordinal);
        var english = body.IndexOf("Your code: 12345678", StringComparison.Ordinal);
        Assert.True(french >= 0, body);
        Assert.True(english > french, body);
        Assert.Contains("valable 15 minutes", body, StringComparison.Ordinal);
        Assert.Contains("valid for 15 minutes", body, StringComparison.Ordinal);
        Assert.Contains("du compte cmartin", body, StringComparison.Ordinal);
        Assert.Contains("of the account cmartin", body, StringComparison.Ordinal);
        Assert.Contains("n'y répondez pas", body, StringComparison.Ordinal);
        Assert.Contains("do not reply", body, StringComparison.Ordinal);
        Assert.Equal(0, _rig.Mailer.Pending);
    }

    [Fact]
    public async Task MailTextArguments_AreResolvedInEachLanguage()
    {
        _rig.Mailer.Send("cmartin@ac-test.fr", "PasswordChanged", "cmartin", "02/03/2026 08:00 UTC", new MailText("Method_ContactMail"));
        await _rig.FlushMailAsync();

        var body = Assert.Single(_rig.Mail.Sent).TextBody ?? "";
        var english = body.IndexOf("----- English -----", StringComparison.Ordinal);
        Assert.True(english > 0, body);
        Assert.Contains("avec un code envoyé à l'adresse connue de l'académie", body[..english], StringComparison.Ordinal);
        Assert.Contains("with a code sent to the address the académie holds", body[english..], StringComparison.Ordinal);
        Assert.DoesNotContain("Method_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("MailText", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Method_ContactMail")]
    [InlineData("Method_Assistance")]
    [InlineData("Method_BackupAddress")]
    [InlineData("Method_SignedIn")]
    public void EveryMethodText_ExistsInBothLanguages(string name)
    {
        var french = RecoveryMail.Texts.GetString(name, new System.Globalization.CultureInfo("fr-FR"));
        var english = RecoveryMail.Texts.GetString(name, new System.Globalization.CultureInfo("en-GB"));

        Assert.False(string.IsNullOrWhiteSpace(french));
        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.NotEqual(french, english);
        Assert.True(Enum.IsDefined(Enum.Parse<RecoveryMethod>(name["Method_".Length..])));
    }

    [Fact]
    public async Task FailingSystemMail_IsLoggedWithoutTheText_AndTheNextMailStillLeaves()
    {
        _rig.Mail.FailWith = new InvalidOperationException("550 refused: Votre code : 87654321");
        _rig.Mailer.Send("camille@laposte.net", "ResetCode", "87654321", 15, "cmartin");
        await _rig.FlushMailAsync();

        Assert.Empty(_rig.Mail.Sent);
        var line = Assert.Single(_rig.MailerLog.Lines);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.DoesNotContain("87654321", line, StringComparison.Ordinal);
        Assert.DoesNotContain("camille", line, StringComparison.Ordinal);

        _rig.Mail.FailWith = null;
        _rig.Mailer.Send("camille@laposte.net", "ResetCode", "11223344", 15, "cmartin");
        await _rig.FlushMailAsync();
        Assert.Contains("11223344", Assert.Single(_rig.Mail.Sent).TextBody, StringComparison.Ordinal);
    }
}

namespace WebmailLite.Mail;

/// <summary>
/// The one place where the mail server is chosen: the académie's IMAP server (<c>Mail:Imap:Host</c>), or the embedded
/// practice mailbox. The practice mailbox publishes its sample accounts and their password on the sign-in page, so
/// outside Development it must be asked for by name (<c>Practice:Enabled=true</c>, which <c>scripts/run.sh</c> sets):
/// a production configuration that merely lost its IMAP host refuses to start instead of opening a public demo.
/// </summary>
public static class MailServerChoice
{
    public const string PracticeSwitch = "Practice:Enabled";

    /// <returns><c>true</c> for the practice mailbox, <c>false</c> for the IMAP server.</returns>
    /// <exception cref="InvalidOperationException">The configuration does not say which, or says both; the message names the keys.</exception>
    public static bool UsePractice(IConfiguration configuration, IHostEnvironment environment)
    {
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var asked = configuration.GetValue<bool>(PracticeSwitch);
        if (!mail.UsePractice)
        {
            return asked
                ? throw new InvalidOperationException(
                    $"Both Mail:Imap:Host ({mail.Imap.Host}) and {PracticeSwitch}=true are set: remove {PracticeSwitch} to use the mail server, or Mail:Imap:Host to run the practice mailbox.")
                : false;
        }
        if (asked || environment.IsDevelopment())
        {
            return true;
        }
        throw new InvalidOperationException(
            $"No mail server configured: Mail:Imap:Host is empty (environment {environment.EnvironmentName}). Set Mail:Imap:Host and Mail:Smtp:Host " +
            $"to the académie's servers, or set {PracticeSwitch}=true to run the practice mailbox, whose sample accounts and password are shown to everyone.");
    }
}

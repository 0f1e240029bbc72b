namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// A person in the test directory. <see cref="Identifier"/> is the uid, the IMAP/SMTP login; <see cref="Address"/>
/// is the account's mail (prénom.nom-xxxxxx@ac-test.fr, not uid@…: delivery goes through the directory's mail
/// attribute); <see cref="ContactAddress"/> the personal address for codes (acContactMail).
/// </summary>
public sealed record TestPerson(
    string Identifier,
    string Password,
    string Address,
    string DisplayName,
    string School,
    string? ContactAddress,
    string State,
    string Dn)
{
    /// <summary>The same person as a mailbox of the rig's Dovecot, for <see cref="MailServer"/>'s IMAP and SMTP helpers.</summary>
    public TestAccount Account => new(Identifier, Password, Address);
}

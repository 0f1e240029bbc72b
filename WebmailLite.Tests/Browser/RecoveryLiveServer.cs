using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// A class fixture for the recovery browser tests: the app in front of the rig, with a contacts file the tests
/// append to (the directory re-reads it when it changes) and one assistance agent.
/// </summary>
public sealed class RecoveryLiveServer : IDisposable
{
    public RecoveryLiveServer()
    {
        ContactsFile = Path.Combine(Path.GetTempPath(), "wl-contacts-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(ContactsFile, "# identifiant adresse\n");
        Agent = MailServer.Instance.CreateAccountAsync("agent").GetAwaiter().GetResult();
        Server = LiveServer.Dovecot(new()
        {
            ["Accounts:ContactsFile"] = ContactsFile,
            ["Recovery:AssistanceAgents:0"] = Agent.Identifier,
            // Every browser test comes from 127.0.0.1: per-address limits must not be what a test trips over.
            ["Recovery:MaxRequestsPerAddress"] = "1000",
            ["Recovery:MaxFailuresPerAddress"] = "1000",
            ["SignIn:MaxFailuresPerAddress"] = "1000",
        });
    }

    public LiveServer Server { get; }

    public string ContactsFile { get; }

    public TestAccount Agent { get; }

    public void AddContact(TestAccount person, TestAccount contact) =>
        File.AppendAllText(ContactsFile, $"{person.Identifier}\t{contact.Address}\n");

    public void Dispose()
    {
        Server.Dispose();
        File.Delete(ContactsFile);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using WebmailLite.Accounts;

namespace WebmailLite.Tests.Accounts;

public sealed class ContactsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webmaillite-contacts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_ReadsTabsAndSpaces_SkipsCommentsBlanksAndBadLines()
    {
        const string text = "# identifiant  adresse de contact\n"
            + "cmartin\tcamille.martin@laposte.net\n"
            + "\n"
            + "   jbernard     julien.b@exemple.fr   \r\n"
            + "sans-adresse\n"
            + "mauvaise pas-une-adresse\n"
            + "trois champs@exemple.fr en-trop\n";

        var contacts = ContactsFile.Parse(text, NullLogger.Instance);

        Assert.Equal(2, contacts.Count);
        Assert.Equal("camille.martin@laposte.net", contacts["cmartin"]);
        Assert.Equal("julien.b@exemple.fr", contacts["JBernard"]);
    }

    [Fact]
    public void Parse_ARepeatedIdentifier_TheLastLineWins()
    {
        var contacts = ContactsFile.Parse("cmartin old@exemple.fr\nCMARTIN new@exemple.fr\n", NullLogger.Instance);

        Assert.Equal("new@exemple.fr", Assert.Single(contacts).Value);
    }

    [Fact]
    public void Find_IgnoresCaseAndSpaces_AndFollowsEditsOfTheFile()
    {
        var path = Path.Combine(_folder, "contacts");
        File.WriteAllText(path, "cmartin camille@exemple.fr\n");
        var contacts = new ContactsFile(path, NullLogger.Instance);
        Assert.Equal("camille@exemple.fr", contacts.Find(" CMartin "));

        File.WriteAllText(path, "cmartin camille.martin@nouveau.fr\njbernard j@exemple.fr\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));

        Assert.Equal("camille.martin@nouveau.fr", contacts.Find("cmartin"));
        Assert.Equal("j@exemple.fr", contacts.Find("jbernard"));
        Assert.Null(contacts.Find("inconnu"));
    }

    [Fact]
    public void Find_AMissingFile_KnowsNoAddress()
    {
        var contacts = new ContactsFile(Path.Combine(_folder, "absent"), NullLogger.Instance);

        Assert.Null(contacts.Find("cmartin"));
    }
}

using System.Text;
using WebmailLite.Contacts;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Contacts;

public sealed class VCardTests
{
    [Fact]
    public void Write_EscapesAndFoldsAt75Octets_WithoutSplittingACharacter()
    {
        var note = "Professeure principale de 4e B; réunion le lundi, salle 12\\13\nDeuxième ligne : « élèves » " + new string('é', 60);

        var text = VCard.Write([new VCardEntry("Dubois, Hélène", ["h.dubois@ac-exemple.fr"], note)]);

        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dubois\\, Hélène\r\n", text);
        Assert.Contains("NOTE:Professeure principale de 4e B\\; réunion le lundi\\, salle 12\\\\13\\nDeuxi", text.Replace("\r\n ", ""));
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.EndsWith("END:VCARD\r\n", text);
        var back = VCard.Read(text)!.Single();
        Assert.Equal(("Dubois, Hélène", "h.dubois@ac-exemple.fr", note), (back.Name, back.Addresses.Single(), back.Note));
    }

    [Fact]
    public void Read_Vcard3FromOtherPrograms_GroupsParametersNAndLf()
    {
        const string outlook = "BEGIN:VCARD\nVERSION:3.0\nN:Garnier;Loïc;;M.;\nitem1.EMAIL;TYPE=INTERNET,pref:loic.garnier@ac-exemple.fr\nEMAIL;TYPE=\"work:x\":mailto:l.garnier@clg-exemple.fr\nTEL:0102030405\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Sans adresse\nEND:VCARD\n";

        var cards = VCard.Read(outlook)!;

        Assert.Equal(2, cards.Count);
        Assert.Equal("M. Loïc Garnier", cards[0].Name);
        Assert.Equal(["loic.garnier@ac-exemple.fr", "l.garnier@clg-exemple.fr"], cards[0].Addresses);
        Assert.Empty(cards[1].Addresses);
        Assert.Null(VCard.Read("Nom;Adresse\nDubois;h.dubois@ac-exemple.fr\n"));
    }

    [Fact]
    public async Task ExportThenImport_GivesTheSameContacts_AndASecondImportAddsNone()
    {
        using var first = AppDatabase.InMemory();
        using var second = AppDatabase.InMemory();
        var from = new LiteDbContactStore(first, TimeProvider.System);
        var to = new LiteDbContactStore(second, TimeProvider.System);
        await from.AddAsync("camille.martin", new ContactDraft("Dubois, Hélène", ["h.dubois@ac-exemple.fr", "helene.dubois@clg-exemple.fr"], "4e B; salle 12\nlundi"), default);
        await from.AddAsync("camille.martin", new ContactDraft("", ["secretariat@clg-exemple.fr"], ""), default);
        await from.CollectAsync("camille.martin", [new SentRecipient("Loïc Garnier", "loic.garnier@ac-exemple.fr")], default);
        var file = await new VCardExchange(from).ExportAsync("camille.martin", default);

        var summary = await new VCardExchange(to).ImportAsync("julien.bernard", new MemoryStream(file), file.Length, default);
        var again = await new VCardExchange(to).ImportAsync("julien.bernard", new MemoryStream(file), file.Length, default);

        Assert.Equal(new ImportSummary(null, 3, 0, 0), summary);
        Assert.Equal(new ImportSummary(null, 0, 3, 0), again);
        static object Shape(Contact c) => (c.Name, string.Join(",", c.Addresses), c.Note);
        Assert.Equal((await from.AllAsync("camille.martin", default)).Select(Shape), (await to.AllAsync("julien.bernard", default)).Select(Shape));
    }

    [Theory]
    [InlineData("", ImportProblem.Empty)]
    [InlineData("Nom;Adresse\nDubois;h@x.fr\n", ImportProblem.NotVCard)]
    public async Task Import_BadFile_ProblemNamed_NothingStored(string content, ImportProblem problem)
    {
        using var database = AppDatabase.InMemory();
        var store = new LiteDbContactStore(database, TimeProvider.System);
        var bytes = Encoding.UTF8.GetBytes(content);

        var summary = await new VCardExchange(store).ImportAsync("camille.martin", new MemoryStream(bytes), bytes.Length, default);

        Assert.Equal(problem, summary.Problem);
        Assert.Empty(await store.AllAsync("camille.martin", default));
    }

    [Fact]
    public async Task Import_Latin1OrTooLarge_Refused()
    {
        using var database = AppDatabase.InMemory();
        var exchange = new VCardExchange(new LiteDbContactStore(database, TimeProvider.System));
        var latin1 = Encoding.Latin1.GetBytes("BEGIN:VCARD\nFN:Hélène\nEMAIL:h@ac-exemple.fr\nEND:VCARD\n");

        Assert.Equal(ImportProblem.NotUtf8, (await exchange.ImportAsync("c", new MemoryStream(latin1), latin1.Length, default)).Problem);
        Assert.Equal(ImportProblem.TooLarge, (await exchange.ImportAsync("c", new MemoryStream(), VCardExchange.MaxImportBytes + 1, default)).Problem);
    }
}

using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Compose;

public sealed class RescuedComposeStoreTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new();
    private readonly IRescuedComposeStore _store;

    public RescuedComposeStoreTests()
    {
        _store = new LiteDbRescuedComposeStore(_database, new EphemeralDataProtectionProvider(), Options.Create(new ComposeRescueOptions()), _clock);
    }

    public void Dispose() => _database.Dispose();

    private static RescuedForm Form(string subject) => new(
        new Dictionary<string, string> { ["Subject"] = subject, ["Body"] = "Ligne 1\nLigne 2 — « accents » é\n", ["To"] = "" },
        [new OutgoingAttachment("élèves.csv", "text/csv", Encoding.UTF8.GetBytes("Nom;Prénom\n")), new OutgoingAttachment("vide.bin", "application/octet-stream", [])],
        ["trop gros.zip"]);

    [Fact]
    public void Serialize_RoundTrips_EveryFieldFileAndName()
    {
        var form = Form("Sortie");

        var back = RescuedForm.Deserialize(form.Serialize());

        Assert.Equal(form.Fields, back.Fields);
        Assert.Equal(form.Files.Select(f => (f.FileName, f.ContentType)), back.Files.Select(f => (f.FileName, f.ContentType)));
        Assert.Equal(form.Files[0].Content, back.Files[0].Content);
        Assert.Empty(back.Files[1].Content);
        Assert.Equal(["trop gros.zip"], back.FilesNotKept);
    }

    [Fact]
    public void Newest_IsForItsOwnerOnly_WhateverTheCaseOfTheIdentifier()
    {
        _store.Keep("C.Martin", Form("Ancien"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        _store.Keep("c.martin", Form("Récent"));

        Assert.Equal("Récent", _store.Newest("c.martin ")!.Value.Form.Field("Subject"));
        Assert.Equal(2, _store.CountFor("C.MARTIN"));
        Assert.Null(_store.Newest("j.bernard"));
        Assert.Equal(0, _store.CountFor("j.bernard"));
    }

    [Fact]
    public void Remove_ByAnotherOwner_DoesNothing()
    {
        var id = _store.Keep("c.martin", Form("Sortie"));

        Assert.False(_store.Remove(id, "j.bernard"));
        Assert.True(_store.Remove(id, "c.martin"));
        Assert.Null(_store.Newest("c.martin"));
    }

    [Fact]
    public void ABlobMovedUnderAnotherOwner_CannotBeRead()
    {
        var id = _store.Keep("c.martin", Form("Sortie"));
        var records = _database.Collection<LiteDbRescuedComposeStore.RescuedRecord>("rescued_compose");
        var record = records.FindById(id);
        record.Owner = "j.bernard";
        records.Update(record);

        // The purpose is narrowed to the owner: decryption fails, and the useless record goes.
        Assert.Null(_store.Newest("j.bernard"));
        Assert.Equal(0, _store.CountFor("j.bernard"));
    }

    [Fact]
    public void AfterTheRetention_NothingIsFound_AndPruneDeletesIt()
    {
        _store.Keep("c.martin", Form("Sortie"));
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(1, _store.CountFor("c.martin"));

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(_store.Newest("c.martin"));
        Assert.Equal(1, _store.Prune());
        Assert.Equal(0, _database.Collection<LiteDbRescuedComposeStore.RescuedRecord>("rescued_compose").Count());
    }
}

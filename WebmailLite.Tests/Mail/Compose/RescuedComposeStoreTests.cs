using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Compose;

/// <summary>What every <see cref="IRescuedComposeStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class RescuedComposeStoreContractTests
{
    private readonly TestClock _clock = new();
    private IRescuedComposeStore? _store;

    protected abstract IRescuedComposeStore CreateStore(IDataProtectionProvider protection, TimeProvider clock);

    /// <summary>Moves a kept form's record to another owner, as someone with write access to the database could.</summary>
    protected abstract void MoveToOwner(string id, string owner);

    /// <summary>How many kept forms the database holds, whoever's and however old.</summary>
    protected abstract int StoredCount();

    private IRescuedComposeStore Store => _store ??= CreateStore(new EphemeralDataProtectionProvider(), _clock);

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
        Store.Keep("C.Martin", Form("Ancien"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Store.Keep("c.martin", Form("Récent"));

        Assert.Equal("Récent", Store.Newest("c.martin ")!.Value.Form.Field("Subject"));
        Assert.Equal(2, Store.CountFor("C.MARTIN"));
        Assert.Null(Store.Newest("j.bernard"));
        Assert.Equal(0, Store.CountFor("j.bernard"));
    }

    [Fact]
    public void Remove_ByAnotherOwner_DoesNothing()
    {
        var id = Store.Keep("c.martin", Form("Sortie"));

        Assert.False(Store.Remove(id, "j.bernard"));
        Assert.True(Store.Remove(id, "c.martin"));
        Assert.Null(Store.Newest("c.martin"));
    }

    [Fact]
    public void ABlobMovedUnderAnotherOwner_CannotBeRead()
    {
        var id = Store.Keep("c.martin", Form("Sortie"));
        MoveToOwner(id, "j.bernard");

        // The purpose is narrowed to the owner: decryption fails, and the useless record goes.
        Assert.Null(Store.Newest("j.bernard"));
        Assert.Equal(0, Store.CountFor("j.bernard"));
    }

    [Fact]
    public void AfterTheRetention_NothingIsFound_AndPruneDeletesIt()
    {
        Store.Keep("c.martin", Form("Sortie"));
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(1, Store.CountFor("c.martin"));

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(Store.Newest("c.martin"));
        Assert.Equal(1, Store.Prune());
        Assert.Equal(0, StoredCount());
    }

    [Fact]
    public void Ids_AreExact_AndTheNewestOfTheSameInstantIsTheLastKept()
    {
        var first = Store.Keep("c.martin", Form("Premier"));
        var second = Store.Keep("c.martin", Form("Second"));

        Assert.Equal((second, "Second"), (Store.Newest("c.martin")!.Value.Id, Store.Newest("c.martin")!.Value.Form.Field("Subject")));
        Assert.False(Store.Remove(second.ToUpperInvariant(), "c.martin"));
        Assert.True(Store.Remove(second, "c.martin"));
        Assert.Equal(first, Store.Newest("c.martin")!.Value.Id);
    }
}

public sealed class LiteDbRescuedComposeStoreTests : RescuedComposeStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IRescuedComposeStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) =>
        new LiteDbRescuedComposeStore(_database, protection, Options.Create(new ComposeRescueOptions()), clock);

    protected override void MoveToOwner(string id, string owner)
    {
        var records = _database.Collection<LiteDbRescuedComposeStore.RescuedRecord>("rescued_compose");
        var record = records.FindById(id);
        record.Owner = owner;
        records.Update(record);
    }

    protected override int StoredCount() => _database.Collection<LiteDbRescuedComposeStore.RescuedRecord>("rescued_compose").Count();

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresRescuedComposeStoreTests : RescuedComposeStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IRescuedComposeStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) =>
        new PostgresRescuedComposeStore(_schema.Database, protection, Options.Create(new ComposeRescueOptions()), clock);

    protected override void MoveToOwner(string id, string owner) =>
        Assert.Equal(1, _schema.Database.Execute("UPDATE rescued_compose SET owner = $2 WHERE id = $1", id, owner));

    protected override int StoredCount()
    {
        using var connection = _schema.Database.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM rescued_compose", connection);
        return (int)(long)command.ExecuteScalar()!;
    }

    public void Dispose() => _schema.Dispose();
}

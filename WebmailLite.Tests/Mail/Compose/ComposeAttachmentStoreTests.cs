using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Compose;

/// <summary>What every <see cref="IComposeAttachmentStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class ComposeAttachmentStoreContractTests
{
    private const string FormId = "AbCdEfGhIjKlMnOpQrStUv";

    private readonly TestClock _clock = new();
    private IComposeAttachmentStore? _store;

    protected abstract IComposeAttachmentStore CreateStore(IDataProtectionProvider protection, TimeProvider clock);

    /// <summary>The stored bytes of every file, to check that none is stored in clear.</summary>
    protected abstract IReadOnlyList<byte[]> StoredContents();

    private IComposeAttachmentStore Store => _store ??= CreateStore(new EphemeralDataProtectionProvider(), _clock);

    private static readonly byte[] Csv = "Nom;Prénom\nDubois;Hélène\n"u8.ToArray();

    [Fact]
    public void Add_ListedInOrder_ReadBack_EncryptedAtRest()
    {
        var first = Store.Add(FormId, "C.Martin", "élèves.csv", "text/csv", Csv);
        var second = Store.Add(FormId, "c.martin", "vide.bin", "application/octet-stream", []);

        Assert.Equal([first, second], Store.List(FormId, " c.martin "));
        Assert.Equal(new StashedAttachment(first.Id, "élèves.csv", "text/csv", Csv.Length), first);
        Assert.Equal(Csv, Store.Read(FormId, "c.martin", first.Id));
        Assert.Empty(Store.Read(FormId, "c.martin", second.Id)!);
        Assert.All(StoredContents(), stored => Assert.DoesNotContain("Dubois", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal));
    }

    [Fact]
    public void AnotherPerson_OrAnotherForm_OrAnotherCase_FindsNothing()
    {
        var file = Store.Add(FormId, "c.martin", "élèves.csv", "text/csv", Csv);

        Assert.Empty(Store.List(FormId, "j.bernard"));
        Assert.Null(Store.Read(FormId, "j.bernard", file.Id));
        // Form and attachment ids are exact: the same letters in another case are another form.
        Assert.Empty(Store.List(FormId.ToLowerInvariant(), "c.martin"));
        Assert.Null(Store.Read(FormId.ToLowerInvariant(), "c.martin", file.Id));
        Assert.Null(Store.Read(FormId, "c.martin", file.Id.ToUpperInvariant()));

        Store.Remove(FormId, "j.bernard", [file.Id]);
        Store.DeleteForm(FormId, "j.bernard");
        Store.DeleteForm(FormId.ToLowerInvariant(), "c.martin");
        Assert.Equal(Csv, Store.Read(FormId, "c.martin", file.Id));
    }

    [Fact]
    public void Remove_TheChosenFiles_DeleteForm_Everything()
    {
        var kept = Store.Add(FormId, "c.martin", "a.txt", "text/plain", [1]);
        var removed = Store.Add(FormId, "c.martin", "b.txt", "text/plain", [2]);
        var otherForm = Store.Add("zzzzzzzzzzzzzzzzzzzzzz", "c.martin", "c.txt", "text/plain", [3]);

        Store.Remove(FormId, "c.martin", [removed.Id, removed.Id, "inconnu"]);
        Assert.Equal([kept], Store.List(FormId, "c.martin"));

        Store.DeleteForm(FormId, "c.martin");
        Assert.Empty(Store.List(FormId, "c.martin"));
        Assert.Equal([otherForm], Store.List("zzzzzzzzzzzzzzzzzzzzzz", "c.martin"));
        Assert.Single(StoredContents());
    }

    [Fact]
    public void Prune_DeletesFilesOlderThanTheRetention_Only()
    {
        Store.Add(FormId, "c.martin", "ancien.txt", "text/plain", [1]);
        _clock.Advance(TimeSpan.FromHours(2));
        var recent = Store.Add(FormId, "c.martin", "récent.txt", "text/plain", [2]);
        _clock.Advance(TimeSpan.FromHours(23));

        Assert.Equal(1, Store.Prune(TimeSpan.FromHours(24)));
        Assert.Equal([recent], Store.List(FormId, "c.martin"));
        Assert.Single(StoredContents());
    }

    [Fact]
    public void FormIds_AreRandomAndRecognised()
    {
        var id = IComposeAttachmentStore.NewFormId();

        Assert.True(IComposeAttachmentStore.IsFormId(id));
        Assert.NotEqual(id, IComposeAttachmentStore.NewFormId());
        Assert.False(IComposeAttachmentStore.IsFormId(id + "A"));
        Assert.False(IComposeAttachmentStore.IsFormId(null));
        Assert.False(IComposeAttachmentStore.IsFormId(new string('é', 22)));
    }
}

public sealed class LiteDbComposeAttachmentStoreTests : ComposeAttachmentStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IComposeAttachmentStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) =>
        new LiteDbComposeAttachmentStore(_database, protection, clock);

    protected override IReadOnlyList<byte[]> StoredContents()
    {
        var files = _database.Database.GetStorage<string>("compose_files", "compose_chunks");
        return [.. files.FindAll().Select(file =>
        {
            using var buffer = new MemoryStream();
            file.CopyTo(buffer);
            return buffer.ToArray();
        })];
    }

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresComposeAttachmentStoreTests : ComposeAttachmentStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IComposeAttachmentStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) =>
        new PostgresComposeAttachmentStore(_schema.Database, protection, clock);

    protected override IReadOnlyList<byte[]> StoredContents()
    {
        using var connection = _schema.Database.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT content FROM compose_attachments", connection);
        using var reader = command.ExecuteReader();
        var contents = new List<byte[]>();
        while (reader.Read())
        {
            contents.Add(reader.GetFieldValue<byte[]>(0));
        }
        return contents;
    }

    public void Dispose() => _schema.Dispose();
}

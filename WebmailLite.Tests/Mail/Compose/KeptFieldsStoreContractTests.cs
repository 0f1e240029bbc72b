using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Npgsql;
using WebmailLite.Contacts;
using WebmailLite.Mail.Compose;
using WebmailLite.Preferences;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Compose;

/// <summary>
/// What every <see cref="IKeptFieldsStore"/> must do, seen through the two small forms kept on it
/// (<see cref="RescuedPreferencesStore"/>, <see cref="RescuedContactFormStore"/>); each provider runs it through a subclass.
/// </summary>
public abstract class KeptFieldsStoreContractTests
{
    private const string Signature = "Camille Martin\nSecrétaire de direction — Collège Jean Moulin";
    private static readonly IOptions<ComposeRescueOptions> Rescue = Options.Create(new ComposeRescueOptions());

    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private IKeptFieldsStore? _kept;

    protected abstract IKeptFieldsStore CreateStore(TimeProvider clock);

    /// <summary>What is stored for one kind of form: each key and its bytes as kept.</summary>
    protected abstract IReadOnlyList<(string Key, byte[] Sealed)> Stored(string form);

    private IKeptFieldsStore Kept => _kept ??= CreateStore(_clock);

    private RescuedPreferencesStore Preferences => new(Kept, _protection, Rescue);

    private RescuedContactFormStore ContactForms => new(Kept, _protection, Rescue);

    private static Dictionary<string, string> Fields(string signature) => new() { ["Input.Signature"] = signature, ["Input.PageSize"] = "100" };

    [Fact]
    public void Kept_ThenTaken_Once_ForItsOwnerWhateverTheCase()
    {
        Preferences.Keep(" C.Martin ", Fields(Signature));

        Assert.Equal(Fields(Signature), Preferences.Take("c.martin"));
        Assert.Null(Preferences.Take("c.martin"));
        Assert.Empty(Stored("rescued_preferences"));
    }

    [Fact]
    public void OnePerPersonAndSlot_ALaterPostReplacesAnEarlier()
    {
        ContactForms.Keep("c.martin", "a1b2", new Dictionary<string, string> { ["Input.Name"] = "Hélène" });
        ContactForms.Keep("c.martin", "a1b2", new Dictionary<string, string> { ["Input.Name"] = "Hélène Dubois" });
        ContactForms.Keep("c.martin", null, new Dictionary<string, string> { ["Input.Name"] = "Loïc" });
        ContactForms.Keep("j.bernard", "a1b2", new Dictionary<string, string> { ["Input.Name"] = "Julien" });
        Preferences.Keep("c.martin", Fields(Signature));

        Assert.Equal("Hélène Dubois", ContactForms.Take("c.martin", "a1b2")?["Input.Name"]);
        Assert.Null(ContactForms.Take("c.martin", "a1b2"));
        Assert.Equal("Loïc", ContactForms.Take("c.martin", null)?["Input.Name"]);
        Assert.Equal("Julien", ContactForms.Take("j.bernard", "a1b2")?["Input.Name"]);
        Assert.Equal(Fields(Signature), Preferences.Take("c.martin"));
    }

    [Fact]
    public void AfterTheRetention_NothingComesBack_AndTheNextKeptFormClearsItAway()
    {
        Preferences.Keep("c.martin", Fields(Signature));
        Preferences.Keep("j.bernard", Fields("Julien"));
        _clock.Advance(Rescue.Value.Retention);

        Assert.Null(Preferences.Take("c.martin"));
        Preferences.Keep("h.dubois", Fields("Hélène"));

        Assert.Equal(["h.dubois"], Stored("rescued_preferences").Select(s => s.Key));
    }

    [Fact]
    public void Stored_Encrypted_AndUnderAnotherOwnersKeyUnreadable()
    {
        Preferences.Keep("c.martin", Fields(Signature));

        var (key, sealedFields) = Assert.Single(Stored("rescued_preferences"));
        Assert.Equal("c.martin", key);
        var asText = Encoding.UTF8.GetString(sealedFields);
        Assert.DoesNotContain("Camille", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Signature", asText, StringComparison.Ordinal);

        // Bytes moved under another person's key: their purpose differs, so they do not open.
        Kept.Keep("rescued_preferences", "j.bernard", Kept.Take("rescued_preferences", "c.martin")!, TimeSpan.FromHours(1));
        Assert.Null(Preferences.Take("j.bernard"));
    }

    [Fact]
    public void KeysLost_TheFormIsGone_NotACrash()
    {
        Preferences.Keep("c.martin", Fields(Signature));

        Assert.Null(new RescuedPreferencesStore(Kept, new EphemeralDataProtectionProvider(), Rescue).Take("c.martin"));
    }

    [Fact]
    public async Task TwoInstances_TakingAtOnce_OneGetsTheForm()
    {
        var instances = new[] { CreateStore(_clock), CreateStore(_clock) };

        for (var round = 0; round < 10; round++)
        {
            Preferences.Keep("c.martin", Fields(Signature + round));
            var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                Task.Run(() => new RescuedPreferencesStore(instances[i % 2], _protection, Rescue).Take("c.martin"))));

            Assert.Single(taken, t => t is not null);
        }
    }
}

public sealed class LiteDbKeptFieldsStoreTests : KeptFieldsStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IKeptFieldsStore CreateStore(TimeProvider clock) => new LiteDbKeptFieldsStore(_database, clock);

    protected override IReadOnlyList<(string Key, byte[] Sealed)> Stored(string form) =>
        [.. _database.Collection<LiteDbKeptFieldsStore.KeptFields>(form).FindAll().Select(k => (k.Id, k.Sealed))];

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresKeptFieldsStoreTests : KeptFieldsStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IKeptFieldsStore CreateStore(TimeProvider clock) => new PostgresKeptFieldsStore(_schema.Database, clock);

    protected override IReadOnlyList<(string Key, byte[] Sealed)> Stored(string form)
    {
        using var connection = _schema.Database.Open();
        using var command = new NpgsqlCommand("SELECT key, sealed FROM kept_fields WHERE form = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = form });
        using var reader = command.ExecuteReader();
        var stored = new List<(string, byte[])>();
        while (reader.Read())
        {
            stored.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }
        return stored;
    }

    public void Dispose() => _schema.Dispose();
}

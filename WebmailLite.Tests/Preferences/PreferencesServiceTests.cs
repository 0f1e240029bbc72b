using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Preferences;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Preferences;

/// <summary>The rules of « Préférences »: what may be saved, what is stored of a typed signature, what a missing choice means.</summary>
public sealed class PreferencesServiceTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly PreferencesService _service;

    public PreferencesServiceTests() =>
        _service = new PreferencesService(new LiteDbPreferencesStore(_database), Options.Create(new MailOptions { PageSize = 30 }));

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("Camille\r\nSecrétariat\r\n", "Camille\nSecrétariat")]
    [InlineData("-- \nCamille", "Camille")]
    [InlineData("\n--\r\nCamille  \n\n", "Camille")]
    [InlineData("Camille\n-- \nSecrétariat", "Camille\n--\nSecrétariat")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void CleanSignature_LineEnds_TrailingBlanks_AndItsOwnSeparatorLine(string? typed, string stored) =>
        Assert.Equal(stored, PreferencesService.CleanSignature(typed));

    [Fact]
    public async Task PageSize_NoChoice_IsTheServers_ThenThePersons()
    {
        Assert.Equal(30, await _service.PageSizeAsync("camille.martin", CancellationToken.None));

        await _service.SaveAsync("camille.martin", UserPreferences.Default with { PageSize = 100 }, CancellationToken.None);

        Assert.Equal(100, await _service.PageSizeAsync("Camille.Martin", CancellationToken.None));
    }

    [Fact]
    public async Task Save_EveryRuleBroken_NothingSaved_EveryIssueSaid()
    {
        var change = await _service.SaveAsync("camille.martin", new UserPreferences
        {
            PageSize = 30,
            Language = "de",
            SignaturePlacement = (SignaturePlacement)7,
            Signature = new string('a', PreferencesService.MaxSignatureLength + 1),
        }, CancellationToken.None);

        Assert.Null(change.Saved);
        Assert.Equal([PreferencesIssue.PageSize, PreferencesIssue.Language, PreferencesIssue.SignaturePlacement, PreferencesIssue.SignatureTooLong], change.Issues);
        Assert.Equal(UserPreferences.Default, await _service.GetAsync("camille.martin", CancellationToken.None));
    }

    [Fact]
    public async Task Save_SignatureAtTheLimit_SavedCleaned()
    {
        var signature = new string('a', PreferencesService.MaxSignatureLength);

        var change = await _service.SaveAsync("camille.martin", UserPreferences.Default with { Signature = "-- \n" + signature + "\n\n" }, CancellationToken.None);

        Assert.Empty(change.Issues);
        Assert.Equal(signature, (await _service.GetAsync("camille.martin", CancellationToken.None)).Signature);
    }
}

using WebmailLite.Tests.Infrastructure;
using WebmailLite.Mail;
using static WebmailLite.Tests.Mail.ContractMailboxes;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// The organizing part of the <see cref="IMailbox"/> contract: flags, moves, deletions and folders behave the same on the real
/// Dovecot and in the practice mailbox.
/// </summary>
public abstract class OrganizerContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh mailbox of its own holding exactly <paramref name="seeds"/> (the last one is the newest arrival).</summary>
    protected abstract Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds);


    private static async Task<IReadOnlyList<MessageSummary>> ListAsync(IMailbox mailbox, string folder) =>
        (await mailbox.GetMessagesAsync(folder, 1, 50, None))?.Messages ?? throw new Xunit.Sdk.XunitException($"No folder {folder}");

    private static async Task<MailFolder> SpecialAsync(IMailbox mailbox, SpecialFolder special) =>
        (await mailbox.GetFoldersAsync(None)).Single(f => f.Special == special);

    private static async Task<uint> UidAsync(IMailbox mailbox, string folder, string subject) =>
        (await ListAsync(mailbox, folder)).Single(m => m.Subject == subject).Uid;

    [Fact]
    public async Task SetFlag_ReadUnreadAndFollowed_AreReflectedInTheList()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Conseil de classe")),
            new("INBOX", Letter("Sortie scolaire"), Seen: true),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var list = await ListAsync(mailbox, "INBOX");
        var council = list.Single(m => m.Subject == "Conseil de classe").Uid;
        var trip = list.Single(m => m.Subject == "Sortie scolaire").Uid;

        Assert.Equal(1, await mailbox.SetFlagAsync("INBOX", [council], MessageFlag.Seen, true, None));
        Assert.Equal(1, await mailbox.SetFlagAsync("INBOX", [trip], MessageFlag.Seen, false, None));
        Assert.Equal(2, await mailbox.SetFlagAsync("INBOX", [council, trip], MessageFlag.Flagged, true, None));
        Assert.Equal(1, await mailbox.SetFlagAsync("INBOX", [trip], MessageFlag.Flagged, false, None));

        var after = await ListAsync(mailbox, "INBOX");
        var councilAfter = after.Single(m => m.Uid == council);
        var tripAfter = after.Single(m => m.Uid == trip);
        Assert.True(councilAfter.Seen);
        Assert.True(councilAfter.Flagged);
        Assert.False(tripAfter.Seen);
        Assert.False(tripAfter.Flagged);
        Assert.Equal(1, (await mailbox.GetMessagesAsync("INBOX", 1, 50, None))!.Folder.Unread);
    }

    [Fact]
    public async Task SetFlag_UnknownUidsAreSkipped_UnknownFolderIsNull()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", Letter("Présent"))]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = await UidAsync(mailbox, "INBOX", "Présent");

        Assert.Equal(1, await mailbox.SetFlagAsync("INBOX", [uid, 999_999, 0], MessageFlag.Seen, true, None));
        Assert.Equal(0, await mailbox.SetFlagAsync("INBOX", [], MessageFlag.Seen, true, None));
        Assert.Null(await mailbox.SetFlagAsync("N'existe pas", [uid], MessageFlag.Seen, true, None));
    }

    [Fact]
    public async Task Move_ToAPlainFolder_MessagesLeaveTheSourceAndKeepTheirFlags()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Projet théâtre"), Seen: true),
            new("INBOX", Letter("Projet jardin")),
            new("INBOX", Letter("Reste ici")),
            new("Projets", Letter("Déjà rangé")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var list = await ListAsync(mailbox, "INBOX");
        var chosen = list.Where(m => m.Subject.StartsWith("Projet ", StringComparison.Ordinal)).Select(m => m.Uid).ToList();
        var projets = (await mailbox.GetFoldersAsync(None)).Single(f => f.Name == "Projets").FullName;

        var outcome = await mailbox.MoveAsync("INBOX", [.. chosen, 999_999], projets, None);

        Assert.Equal(new MoveOutcome(MoveStatus.Done, 2, projets), outcome);
        Assert.Equal(["Reste ici"], (await ListAsync(mailbox, "INBOX")).Select(m => m.Subject));
        var moved = await ListAsync(mailbox, projets);
        Assert.Equal(["Projet jardin", "Projet théâtre", "Déjà rangé"], moved.Select(m => m.Subject));
        Assert.True(moved.Single(m => m.Subject == "Projet théâtre").Seen);
        Assert.False(moved.Single(m => m.Subject == "Projet jardin").Seen);
        Assert.Equal(3, moved.Select(m => m.Uid).Distinct().Count());
    }

    [Fact]
    public async Task Move_UnknownSourceOrDestination_OrTheSameFolder_MovesNothing()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", Letter("Ne bouge pas"))]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = await UidAsync(mailbox, "INBOX", "Ne bouge pas");

        Assert.Equal(MoveStatus.DestinationNotFound, (await mailbox.MoveAsync("INBOX", [uid], "N'existe pas", None)).Status);
        Assert.Equal(MoveStatus.FolderNotFound, (await mailbox.MoveAsync("N'existe pas", [uid], "INBOX", None)).Status);
        Assert.Equal(MoveStatus.SameFolder, (await mailbox.MoveAsync("INBOX", [uid], "INBOX", None)).Status);
        Assert.Single(await ListAsync(mailbox, "INBOX"));
    }

    [Theory]
    [InlineData(SpecialFolder.Trash)]
    [InlineData(SpecialFolder.Junk)]
    public async Task MoveToSpecial_TrashOrJunk_TheMessageIsThere(SpecialFolder destination)
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Offre exceptionnelle")),
            new("INBOX", Letter("Message utile")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = await UidAsync(mailbox, "INBOX", "Offre exceptionnelle");
        var special = await SpecialAsync(mailbox, destination);

        var outcome = await mailbox.MoveToSpecialAsync("INBOX", [uid], destination, None);

        Assert.Equal(new MoveOutcome(MoveStatus.Done, 1, special.FullName), outcome);
        Assert.Equal(["Message utile"], (await ListAsync(mailbox, "INBOX")).Select(m => m.Subject));
        Assert.Equal(["Offre exceptionnelle"], (await ListAsync(mailbox, special.FullName)).Select(m => m.Subject));
    }

    [Fact]
    public async Task DeletePermanently_OnlyTheChosenMessagesGo()
    {
        var mailbox = await CreateMailboxAsync([
            new("\\Trash", Letter("À effacer 1")),
            new("\\Trash", Letter("À garder")),
            new("\\Trash", Letter("À effacer 2")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var trash = (await SpecialAsync(mailbox, SpecialFolder.Trash)).FullName;
        var list = await ListAsync(mailbox, trash);
        var chosen = list.Where(m => m.Subject.StartsWith("À effacer", StringComparison.Ordinal)).Select(m => m.Uid).ToList();

        Assert.Equal(2, await mailbox.DeletePermanentlyAsync(trash, [.. chosen, 999_999], None));
        Assert.Equal(["À garder"], (await ListAsync(mailbox, trash)).Select(m => m.Subject));
        Assert.Equal(0, await mailbox.DeletePermanentlyAsync(trash, chosen, None));
        Assert.Null(await mailbox.DeletePermanentlyAsync("N'existe pas", chosen, None));
    }

    [Fact]
    public async Task EmptyFolder_UpToTheUidSeen_KeepsWhatArrivedAfter()
    {
        var mailbox = await CreateMailboxAsync([
            new("\\Trash", Letter("Ancien 1")),
            new("\\Trash", Letter("Ancien 2")),
            new("\\Trash", Letter("Arrivé après la confirmation")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var trash = (await SpecialAsync(mailbox, SpecialFolder.Trash)).FullName;
        var seenNewest = await UidAsync(mailbox, trash, "Ancien 2");

        Assert.Equal(2, await mailbox.EmptyFolderAsync(trash, seenNewest, None));
        Assert.Equal(["Arrivé après la confirmation"], (await ListAsync(mailbox, trash)).Select(m => m.Subject));
        Assert.Equal(1, (await SpecialAsync(mailbox, SpecialFolder.Trash)).Total);
    }

    [Fact]
    public async Task GetSummaries_NewestFirst_OnlyThoseThatExist_WithoutMarkingRead()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Premier")),
            new("INBOX", Letter("Second")),
            new("INBOX", Letter("Troisième")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var list = await ListAsync(mailbox, "INBOX");
        var first = list.Single(m => m.Subject == "Premier").Uid;
        var third = list.Single(m => m.Subject == "Troisième").Uid;

        var summaries = await mailbox.GetSummariesAsync("INBOX", [first, third, 999_999], None);

        Assert.Equal(["Troisième", "Premier"], summaries.Select(s => s.Subject));
        Assert.All(await ListAsync(mailbox, "INBOX"), m => Assert.False(m.Seen));
        Assert.Empty(await mailbox.GetSummariesAsync("N'existe pas", [first], None));
    }

    [Fact]
    public async Task CreateFolder_AtTheTopAndUnderAParent_ThenListed()
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);

        var top = await mailbox.CreateFolderAsync(null, "  Année 2026-2027 ", None);
        var child = await mailbox.CreateFolderAsync(top.FullName, "Réunions d'équipe", None);

        Assert.Equal(FolderChangeStatus.Done, top.Status);
        Assert.Equal(FolderChangeStatus.Done, child.Status);
        var folders = await mailbox.GetFoldersAsync(None);
        var created = folders.Single(f => f.FullName == top.FullName);
        Assert.Equal("Année 2026-2027", created.Name);
        Assert.Equal(SpecialFolder.None, created.Special);
        var sub = folders.Single(f => f.FullName == child.FullName);
        Assert.Equal("Réunions d'équipe", sub.Name);
        Assert.StartsWith(top.FullName, sub.FullName, StringComparison.Ordinal);
        Assert.NotNull(await mailbox.GetMessagesAsync(child.FullName!, 1, 25, None));
    }

    [Fact]
    public async Task CreateFolder_SameNameWhateverTheCase_InvalidName_UnknownParent_AreRefused()
    {
        var mailbox = await CreateMailboxAsync([new("Projets", Letter("Dans Projets"))]);
        await using var closing = new MailboxClosing(mailbox);

        Assert.Equal(FolderChangeStatus.AlreadyExists, (await mailbox.CreateFolderAsync(null, "projets", None)).Status);
        Assert.Equal(FolderChangeStatus.AlreadyExists, (await mailbox.CreateFolderAsync(null, "TRASH", None)).Status);
        Assert.Equal(FolderChangeStatus.InvalidName, (await mailbox.CreateFolderAsync(null, "", None)).Status);
        Assert.Equal(FolderChangeStatus.InvalidName, (await mailbox.CreateFolderAsync(null, "a/b", None)).Status);
        Assert.Equal(FolderChangeStatus.InvalidName, (await mailbox.CreateFolderAsync(null, "inbox", None)).Status);
        Assert.Equal(FolderChangeStatus.NotFound, (await mailbox.CreateFolderAsync("N'existe pas", "Enfant", None)).Status);
        Assert.Single(await mailbox.GetFoldersAsync(None), f => f.Name.Equals("Projets", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RenameFolder_KeepsItsMessages_AndItsSubfoldersFollow()
    {
        var mailbox = await CreateMailboxAsync([
            new("Projets", Letter("Projet théâtre")),
            new("Projets/Jardin", Letter("Semis de printemps")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var folders = await mailbox.GetFoldersAsync(None);
        var projets = folders.Single(f => f.Name == "Projets").FullName;

        var renamed = await mailbox.RenameFolderAsync(projets, "Projets 2026", None);

        Assert.Equal(FolderChangeStatus.Done, renamed.Status);
        var after = await mailbox.GetFoldersAsync(None);
        Assert.DoesNotContain(after, f => f.FullName == projets);
        Assert.Equal(["Projet théâtre"], (await ListAsync(mailbox, renamed.FullName!)).Select(m => m.Subject));
        var child = after.Single(f => f.Name == "Jardin");
        Assert.StartsWith(renamed.FullName!, child.FullName, StringComparison.Ordinal);
        Assert.Equal(["Semis de printemps"], (await ListAsync(mailbox, child.FullName)).Select(m => m.Subject));
    }

    [Fact]
    public async Task RenameFolder_ChangingOnlyTheCase_IsAllowed_ButNotOntoASibling()
    {
        var mailbox = await CreateMailboxAsync([
            new("projets", Letter("Un")),
            new("Archives personnelles", Letter("Deux")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var projets = (await mailbox.GetFoldersAsync(None)).Single(f => f.Name == "projets").FullName;

        Assert.Equal(FolderChangeStatus.AlreadyExists, (await mailbox.RenameFolderAsync(projets, "archives PERSONNELLES", None)).Status);
        var renamed = await mailbox.RenameFolderAsync(projets, "Projets", None);

        Assert.Equal(FolderChangeStatus.Done, renamed.Status);
        Assert.Contains(await mailbox.GetFoldersAsync(None), f => f.Name == "Projets");
    }

    [Theory]
    [InlineData(SpecialFolder.Inbox)]
    [InlineData(SpecialFolder.Drafts)]
    [InlineData(SpecialFolder.Sent)]
    [InlineData(SpecialFolder.Trash)]
    [InlineData(SpecialFolder.Junk)]
    [InlineData(SpecialFolder.Archive)]
    public async Task SpecialFolders_CannotBeRenamedNorDeleted(SpecialFolder special)
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);
        var folder = (await SpecialAsync(mailbox, special)).FullName;

        Assert.Equal(FolderChangeStatus.Protected, (await mailbox.RenameFolderAsync(folder, "Autre nom", None)).Status);
        Assert.Equal(FolderChangeStatus.Protected, (await mailbox.DeleteFolderAsync(folder, None)).Status);
        Assert.Contains(await mailbox.GetFoldersAsync(None), f => f.FullName == folder && f.Special == special);
    }

    [Fact]
    public async Task DeleteFolder_EmptyOneGoes_NonEmptyOrParentIsRefused()
    {
        var mailbox = await CreateMailboxAsync([new("Plein", Letter("Je reste"))]);
        await using var closing = new MailboxClosing(mailbox);
        var empty = await mailbox.CreateFolderAsync(null, "Vide", None);
        var parent = await mailbox.CreateFolderAsync(null, "Parent", None);
        var child = await mailbox.CreateFolderAsync(parent.FullName, "Enfant", None);
        var full = (await mailbox.GetFoldersAsync(None)).Single(f => f.Name == "Plein").FullName;

        Assert.Equal(FolderChangeStatus.Done, (await mailbox.DeleteFolderAsync(empty.FullName!, None)).Status);
        Assert.Equal(FolderChangeStatus.NotEmpty, (await mailbox.DeleteFolderAsync(full, None)).Status);
        Assert.Equal(FolderChangeStatus.HasSubfolders, (await mailbox.DeleteFolderAsync(parent.FullName!, None)).Status);
        Assert.Equal(FolderChangeStatus.NotFound, (await mailbox.DeleteFolderAsync("N'existe pas", None)).Status);

        var after = await mailbox.GetFoldersAsync(None);
        Assert.DoesNotContain(after, f => f.Name == "Vide");
        Assert.Contains(after, f => f.FullName == full);
        Assert.Contains(after, f => f.FullName == child.FullName);

        Assert.Equal(FolderChangeStatus.Done, (await mailbox.DeleteFolderAsync(child.FullName!, None)).Status);
        Assert.Equal(FolderChangeStatus.Done, (await mailbox.DeleteFolderAsync(parent.FullName!, None)).Status);
        Assert.DoesNotContain(await mailbox.GetFoldersAsync(None), f => f.Name is "Parent" or "Enfant");
    }

    [Fact]
    public async Task DeleteFolder_AfterItWasOpened_StillWorks()
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);
        var created = await mailbox.CreateFolderAsync(null, "Éphémère", None);
        Assert.NotNull(await mailbox.GetMessagesAsync(created.FullName!, 1, 25, None));

        Assert.Equal(FolderChangeStatus.Done, (await mailbox.DeleteFolderAsync(created.FullName!, None)).Status);

        Assert.Null(await mailbox.GetMessagesAsync(created.FullName!, 1, 25, None));
        Assert.NotNull(await mailbox.GetMessagesAsync("INBOX", 1, 25, None));
    }
}

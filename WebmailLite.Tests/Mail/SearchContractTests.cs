using WebmailLite.Tests.Infrastructure;
using WebmailLite.Mail;
using static WebmailLite.Tests.Mail.ContractMailboxes;

namespace WebmailLite.Tests.Mail;

/// <summary>The sort and search part of the <see cref="IMailbox"/> contract: sort orders and search the same on Dovecot and in the practice mailbox.</summary>
public abstract class SearchContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds);


    /// <summary>
    /// Four messages whose orders all differ: arrival (as listed), sender's display name (not the address: Anne's
    /// address sorts last), subject without « Re: », and size.
    /// </summary>
    protected static IReadOnlyList<ContractSeed> FourMessages() =>
    [
        new("INBOX", Letter("Cantine : menus", "Denis Roy", "a.denis@ac-test.fr", padding: 300)),
        new("INBOX", Letter("Re: Absences de la 4e B", "Élodie Fournier", "b.elodie@ac-test.fr", padding: 2000)),
        new("INBOX", Letter("Budget du foyer", "Anne Lefèvre", "z.anne@ac-test.fr", padding: 10)),
        new("INBOX", Letter("Devoirs faits", "Bruno Martin", "c.bruno@ac-test.fr", padding: 900)),
    ];

    [Theory]
    [InlineData(MessageSort.Newest, new[] { "Devoirs faits", "Budget du foyer", "Re: Absences de la 4e B", "Cantine : menus" })]
    [InlineData(MessageSort.Oldest, new[] { "Cantine : menus", "Re: Absences de la 4e B", "Budget du foyer", "Devoirs faits" })]
    [InlineData(MessageSort.Sender, new[] { "Budget du foyer", "Devoirs faits", "Cantine : menus", "Re: Absences de la 4e B" })]
    [InlineData(MessageSort.Subject, new[] { "Re: Absences de la 4e B", "Budget du foyer", "Cantine : menus", "Devoirs faits" })]
    [InlineData(MessageSort.Largest, new[] { "Re: Absences de la 4e B", "Devoirs faits", "Cantine : menus", "Budget du foyer" })]
    public async Task GetMessages_Sorted_InTheOrderAsked(MessageSort sort, string[] expected)
    {
        var mailbox = await CreateMailboxAsync(FourMessages());
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, sort, None);

        Assert.NotNull(page);
        Assert.Equal(expected, page.List.Messages.Select(m => m.Subject));
        Assert.Equal(sort, page.Sort);
        Assert.False(page.SortRefused);
        Assert.Equal(4, page.List.Folder.Total);
    }

    [Fact]
    public async Task GetMessages_Sorted_PagesFollowTheOrder_AndAPageBeyondTheEndIsTheLast()
    {
        var mailbox = await CreateMailboxAsync(FourMessages());
        await using var closing = new MailboxClosing(mailbox);

        var first = await mailbox.GetMessagesAsync("INBOX", 1, 3, MessageSort.Sender, None);
        var second = await mailbox.GetMessagesAsync("INBOX", 9, 3, MessageSort.Sender, None);

        Assert.Equal(["Budget du foyer", "Devoirs faits", "Cantine : menus"], first!.List.Messages.Select(m => m.Subject));
        Assert.Equal((1, 2), (first.List.Page, first.List.PageCount));
        Assert.Equal(["Re: Absences de la 4e B"], second!.List.Messages.Select(m => m.Subject));
        Assert.Equal(2, second.List.Page);
    }

    [Fact]
    public async Task GetMessages_Sorted_UnknownFolder_IsNull()
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);

        Assert.Null(await mailbox.GetMessagesAsync("N'existe pas", 1, 25, MessageSort.Subject, None));
        Assert.Empty((await mailbox.GetMessagesAsync("INBOX", 1, 25, MessageSort.Subject, None))!.List.Messages);
    }

    [Theory]
    [InlineData("Élodie", "Re: Absences de la 4e B")]
    [InlineData("c.bruno@ac-test", "Devoirs faits")]
    [InlineData("FOYER", "Budget du foyer")]
    [InlineData("inspection", "Cantine : menus")]
    [InlineData("vie-scolaire", "Devoirs faits")]
    [InlineData("proviseur@lycee", "Cantine : menus")]
    [InlineData("\"menus de la semaine\"", "Cantine : menus")]
    [InlineData("semaine prochaine", "Budget du foyer")]
    public async Task Search_InAFolder_FindsBySenderRecipientSubjectOrText(string text, string expected)
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Cantine : menus", "Denis Roy", "a.denis@ac-test.fr", body: "Les menus de la semaine. Prévoir l'inspection.", cc: "proviseur@lycee-test.fr")),
            new("INBOX", Letter("Re: Absences de la 4e B", "Élodie Fournier", "b.elodie@ac-test.fr", body: "Trois absences à justifier.")),
            new("INBOX", Letter("Budget du foyer", "Anne Lefèvre", "z.anne@ac-test.fr", body: "À voter la semaine prochaine.")),
            new("INBOX", Letter("Devoirs faits", "Bruno Martin", "c.bruno@ac-test.fr", to: "vie-scolaire@ac-test.fr")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var result = await mailbox.SearchAsync(new MessageSearch(text, "INBOX", InText: true), 1, 25, None);

        Assert.NotNull(result);
        Assert.Equal([expected], result.Messages.Select(m => m.Message.Subject));
        Assert.Equal(1, result.Total);
        Assert.Equal("INBOX", result.Folder!.FullName);
        Assert.All(result.Messages, m => Assert.Equal(SpecialFolder.Inbox, m.Folder.Special));
    }

    [Fact]
    public async Task Search_EveryTermMustMatch_NoResultIsAnEmptyPage_UnknownFolderIsNull()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Conseil de classe de 3e A")),
            new("INBOX", Letter("Conseil pédagogique")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var both = await mailbox.SearchAsync(new MessageSearch("conseil classe", "INBOX"), 1, 25, None);
        var none = await mailbox.SearchAsync(new MessageSearch("piscine", "INBOX"), 1, 25, None);

        Assert.Equal(["Conseil de classe de 3e A"], both!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(0, none!.Total);
        Assert.Empty(none.Messages);
        Assert.Equal((1, 1), (none.Page, none.PageCount));
        Assert.Null(await mailbox.SearchAsync(new MessageSearch("conseil", "N'existe pas"), 1, 25, None));
    }

    [Fact]
    public async Task Search_InAFolder_FollowsTheSortAndPages()
    {
        var mailbox = await CreateMailboxAsync([
            .. FourMessages(),
            new("INBOX", Letter("Autre sujet", "Zoé Zidane", "zoe@ac-test.fr", body: "rien à voir")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        // Every FourMessages() body ends « Cordialement. »; « Autre sujet » does not.
        var first = await mailbox.SearchAsync(new MessageSearch("Cordialement", "INBOX", MessageSort.Subject, InText: true), 1, 3, None);
        var second = await mailbox.SearchAsync(new MessageSearch("Cordialement", "INBOX", MessageSort.Subject, InText: true), 2, 3, None);
        var newest = await mailbox.SearchAsync(new MessageSearch("Cordialement", "INBOX", InText: true), 1, 3, None);

        Assert.Equal(4, first!.Total);
        Assert.Equal(2, first.PageCount);
        Assert.Equal(MessageSort.Subject, first.Sort);
        Assert.Equal(["Re: Absences de la 4e B", "Budget du foyer", "Cantine : menus"], first.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Devoirs faits"], second!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Devoirs faits", "Budget du foyer", "Re: Absences de la 4e B"], newest!.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task Search_EveryFolder_FolderByFolderInListOrder_NewestFirstWithinEach()
    {
        var mailbox = await CreateMailboxAsync([
            new("Projets", Letter("Sortie au musée : budget")),
            new("INBOX", Letter("Sortie au lac")),
            new("\\Sent", Letter("Re: Sortie au lac")),
            new("INBOX", Letter("Sortie au théâtre")),
            new("INBOX", Letter("Réunion parents")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var result = await mailbox.SearchAsync(new MessageSearch("sortie", null), 1, 25, None);
        var secondPage = await mailbox.SearchAsync(new MessageSearch("sortie", null), 2, 3, None);

        Assert.NotNull(result);
        Assert.Null(result.Folder);
        Assert.Equal(4, result.Total);
        Assert.Equal(
            [("INBOX", "Sortie au théâtre"), ("INBOX", "Sortie au lac"), ("Sent", "Re: Sortie au lac"), ("Projets", "Sortie au musée : budget")],
            result.Messages.Select(m => (m.Folder.Special == SpecialFolder.Sent ? "Sent" : m.Folder.Name == "Projets" ? "Projets" : m.Folder.FullName, m.Message.Subject)));
        Assert.Equal(["Sortie au musée : budget"], secondPage!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(2, secondPage.Page);
    }

    [Theory]
    [InlineData("inspection")]
    [InlineData("proviseur@lycee")]
    [InlineData("vie-scolaire")]
    public async Task Search_ByDefault_OnlySubjectAndSender_TheTextWhenAsked(string text)
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Cantine : menus", "Denis Roy", "a.denis@ac-test.fr", body: "Prévoir l'inspection.", cc: "proviseur@lycee-test.fr", to: "vie-scolaire@ac-test.fr")),
            new("INBOX", Letter("Devoirs faits", "Bruno Martin", "c.bruno@ac-test.fr")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var headersOnly = await mailbox.SearchAsync(new MessageSearch(text, "INBOX"), 1, 25, None);
        var inText = await mailbox.SearchAsync(new MessageSearch(text, "INBOX", InText: true), 1, 25, None);
        var sender = await mailbox.SearchAsync(new MessageSearch("a.denis", "INBOX"), 1, 25, None);

        Assert.Equal(0, headersOnly!.Total);
        Assert.Equal(["Cantine : menus"], inText!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Cantine : menus"], sender!.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task Search_APhraseInQuotes_MatchesOnlyThePhrase()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Conseil de classe de 3e A", body: "Ordre du jour.")),
            new("INBOX", Letter("Classe verte : conseil aux parents", body: "Le conseil de la classe verte.")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var phrase = await mailbox.SearchAsync(new MessageSearch("« conseil de classe »", "INBOX"), 1, 25, None);
        var quoted = await mailbox.SearchAsync(new MessageSearch("\"conseil de classe\"", "INBOX", InText: true), 1, 25, None);
        var words = await mailbox.SearchAsync(new MessageSearch("conseil classe", "INBOX"), 1, 25, None);

        Assert.Equal(["Conseil de classe de 3e A"], phrase!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Conseil de classe de 3e A"], quoted!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(2, words!.Total);
    }

    // Case and accents on both mailboxes. Dovecot without a full-text plugin folds case only: the IMAP mailbox compares
    // the newest Mail:Search:AccentWindow messages here (ImapSearchContractTests shows the bound).
    [Theory]
    [InlineData("ÉLÈVES")]
    [InlineData("élèves")]
    [InlineData("HÉLÈNE")]
    [InlineData("eleves")]
    [InlineData("ELEVES")]
    [InlineData("helene")]
    public Task Search_CaseAndAccentsDoNotMatter_InSubjectAndSender(string text) => FindsIgnoringCaseAsync(text);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Search_WithoutAccents_FindsAccentedSubjectsAndSenders_PagedAndOrderedLikeTheList(bool inText)
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Réunion des élèves délégués", "Marc Petit", "marc.petit@ac-test.fr")),
            new("INBOX", Letter("Cantine", "Hélène Martin", "h.martin@ac-test.fr")),
            new("INBOX", Letter("Sortie", "Marc Petit", "marc.petit@ac-test.fr", body: "Rien sur les eleves ici.")),
            new("INBOX", Letter("Liste des eleves de 6e", "Paul Roux", "p.roux@ac-test.fr")),
            new("INBOX", Letter("Élèves absents", "Hélène Martin", "h.martin@ac-test.fr")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var first = await mailbox.SearchAsync(new MessageSearch("eleves", "INBOX", InText: inText), 1, 2, None);
        var second = await mailbox.SearchAsync(new MessageSearch("eleves", "INBOX", InText: inText), 2, 2, None);
        var bySubject = await mailbox.SearchAsync(new MessageSearch("eleves", "INBOX", MessageSort.Subject, inText), 1, 25, None);
        var helene = await mailbox.SearchAsync(new MessageSearch("helene", "INBOX", InText: inText), 1, 25, None);
        var typedWithAccents = await mailbox.SearchAsync(new MessageSearch("élèves", "INBOX", InText: inText), 1, 25, None);
        var both = await mailbox.SearchAsync(new MessageSearch("helene absents", "INBOX", InText: inText), 1, 25, None);

        string[] newestFirst = inText
            ? ["Élèves absents", "Liste des eleves de 6e", "Sortie", "Réunion des élèves délégués"]
            : ["Élèves absents", "Liste des eleves de 6e", "Réunion des élèves délégués"];
        Assert.Equal(newestFirst.Length, first!.Total);
        Assert.Equal(newestFirst.Take(2), first.Messages.Select(m => m.Message.Subject));
        Assert.Equal(newestFirst.Skip(2).Take(2), second!.Messages.Select(m => m.Message.Subject));
        Assert.Equal((2, 2), (second.Page, second.PageCount));
        Assert.Equal(newestFirst.Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true)), bySubject!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Élèves absents", "Cantine"], helene!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(newestFirst, typedWithAccents!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Élèves absents"], both!.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task Search_EveryFolder_WithoutAccents_FindsAccentedSubjects()
    {
        var mailbox = await CreateMailboxAsync([
            new("Projets", Letter("Écoles du secteur")),
            new("INBOX", Letter("École ouverte")),
            new("INBOX", Letter("Cantine")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var result = await mailbox.SearchAsync(new MessageSearch("ecole", null), 1, 25, None);

        Assert.Equal(["École ouverte", "Écoles du secteur"], result!.Messages.Select(m => m.Message.Subject));
    }

    private async Task FindsIgnoringCaseAsync(string text)
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Liste des Élèves de 6e", "Marc Petit", "marc.petit@ac-test.fr")),
            new("INBOX", Letter("Sortie", "Hélène Durand", "h.durand@ac-test.fr", body: "Les élèves partent à 8 h.")),
            new("INBOX", Letter("Cantine", "Marc Petit", "marc.petit@ac-test.fr")),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var result = await mailbox.SearchAsync(new MessageSearch(text, "INBOX"), 1, 25, None);

        Assert.Equal([text.StartsWith("h", StringComparison.OrdinalIgnoreCase) ? "Sortie" : "Liste des Élèves de 6e"], result!.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task Search_NothingTyped_FindsNothing()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", Letter("Présent"))]);
        await using var closing = new MailboxClosing(mailbox);

        var result = await mailbox.SearchAsync(new MessageSearch("   ", "INBOX"), 1, 25, None);

        Assert.Equal(0, result!.Total);
    }
}

using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// The list's and the message page's actions through their real forms, on the seeded practice mailbox: without
/// JavaScript (POST → redirect back to the same folder, page and order, one-shot banner) and as htmx sends them
/// (the list fragment, the live region's sentence, <c>Vary: HX-Request</c>).
/// </summary>
public sealed class MessageActionPagesTests : IDisposable
{
    private const string Meeting = "Réunion de l'équipe pédagogique jeudi";
    private const string Maintenance = "Maintenance de l'ENT samedi de 7 h à 12 h";
    private const string Absences = "Absences de la 4e B cette semaine";
    private const string Welcome = "Bienvenue dans la messagerie d'entraînement";
    private const string Payslip = "Votre bulletin de paie est disponible";
    private const string TrashedOffer = "Jusqu'à -40 % sur les fournitures de rentrée";

    private readonly WebmailFactory _factory = PracticeFactory.Create();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    private static async Task<HtmlPage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
    }

    private static string Banner(HtmlPage page) => page.Query("#statut[role=status] .banner")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Inbox_EveryRowHasACheckboxNamedByItsRowHeaderSenderAndDate_AllInOneFormWithTheToolbar()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        var form = page.Query("main form[method=post].sel")!;
        Assert.NotNull(form.QuerySelector("table"));
        Assert.NotNull(form.QuerySelector("fieldset.tools legend"));
        Assert.Equal(form.GetAttribute("action"), form.GetAttribute("data-hx-post"));
        Assert.Equal("#liste", form.GetAttribute("data-hx-target"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var rows = page.QueryAll("#liste tbody tr");
        Assert.Equal(25, rows.Length);
        var names = new List<string>();
        foreach (var row in rows)
        {
            var box = row.QuerySelector("input[type=checkbox][name=u]")!;
            var parts = box.GetAttribute("aria-labelledby")!.Split(' ').Select(id => page.Query("#" + id)!).ToList();
            // The row header (states such as « Non lu », then the subject link), sender, date: the row's own cells.
            Assert.Equal(3, parts.Count);
            Assert.Same(row.QuerySelector("th[scope=row]"), parts[0]);
            Assert.Equal(row.QuerySelector("th + td")!.TextContent, parts[1].TextContent);
            Assert.Equal(row.QuerySelector("time")!.TextContent, parts[2].TextContent);
            Assert.Equal(box.GetAttribute("value"), parts[0].QuerySelector("a")!.GetAttribute("href")!.Split("uid=")[1]);
            names.Add(string.Join(" ", parts.Select(p => p.TextContent)));
        }
        // The practice inbox holds replies with the same subject: the sender and the date still tell them apart.
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("selection", rows[0].QuerySelector("input")!.Id);
        Assert.Equal(
            ["Marquer comme lu", "Marquer comme non lu", "Suivre", "Ne plus suivre", "Supprimer", "Signaler comme indésirable", "Déplacer"],
            form.QuerySelectorAll("button[name=action]").Select(b => b.TextContent));
        Assert.Equal("Déplacer vers", page.Text("label[for=vers]"));
        Assert.Contains("HX-Request", page.Response.Headers.Vary);
    }

    [Fact]
    public async Task MarkRead_WithoutJavaScript_BackToTheSameFolderPageAndOrder_WithABannerOnce_AndTheTicksKept()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier?page=2&tri=objet");
        Assert.Equal([Payslip, "Votre demande n° 48213 est résolue"], Subjects(page));
        Tick(page, Payslip);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Maintenance, Absences);

        var response = await PressAsync(client, inbox, "lu");

        Assert.Equal("/courrier", response.Headers.Location?.OriginalString);
        var after = await FollowAsync(client, response);
        Assert.Equal("2 messages marqués comme lus.", Banner(after));
        Assert.Null(Row(after, Maintenance).GetAttribute("class"));
        Assert.Null(Row(after, Absences).GetAttribute("class"));
        Assert.True(Checkbox(after, Maintenance).IsChecked);
        Assert.True(Checkbox(after, Absences).IsChecked);
        Assert.False(Checkbox(after, Meeting).IsChecked);
        var again = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal("", Banner(again));
        Assert.False(Checkbox(again, Maintenance).IsChecked);

        // Page and order are kept too.
        Tick(page, Payslip);
        var sorted = await PressAsync(client, page, "nonlu");
        Assert.Equal("/courrier?page=2&tri=objet", sorted.Headers.Location?.OriginalString);
        var sortedAfter = await FollowAsync(client, sorted);
        Assert.Equal("1 message marqué comme non lu.", Banner(sortedAfter));
        Assert.Equal("u", Row(sortedAfter, Payslip).GetAttribute("class"));
    }

    [Fact]
    public async Task MarkRead_WithHtmx_AnswersTheListFragment_TheLiveRegionSentence_AndVary()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Maintenance);

        var response = await PressAsync(client, inbox, "lu", htmx: true);
        var fragment = await HtmlPage.LoadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.DoesNotContain("<html", fragment.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<main", fragment.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Row(fragment, Maintenance).GetAttribute("class"));
        Assert.True(Checkbox(fragment, Maintenance).IsChecked);
        var status = fragment.Query("#statut")!;
        Assert.Equal("innerHTML", status.GetAttribute("data-hx-swap-oob"));
        Assert.Equal("1 message marqué comme lu.", status.TextContent.Trim());
        var nav = fragment.Query("#dossiers[data-hx-swap-oob=true] nav.folders")!;
        Assert.Matches(@"^\d+ non lus?$", nav.QuerySelector("li:first-child .n")!.TextContent);
        // Nothing was left for a later page: the banner went to the live region, not to TempData.
        Assert.Equal("", Banner(await HtmlPage.GetAsync(client, "/courrier")));
    }

    [Fact]
    public async Task FollowAndUnfollow_ShowSuiviInText()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Absences);

        var followed = await FollowAsync(client, await PressAsync(client, inbox, "suivre"));
        Assert.Equal("1 message suivi.", Banner(followed));
        Assert.Contains("Suivi", Row(followed, Absences).TextContent);

        var unfollowed = await FollowAsync(client, await PressAsync(client, followed, "nepassuivre"));
        Assert.Equal("1 message n’est plus suivi.", Banner(unfollowed));
        Assert.DoesNotContain("Suivi", Row(unfollowed, Absences).TextContent);
    }

    [Fact]
    public async Task Move_ToAChosenFolder_LeavesTheList_AndArrivesThere()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier?page=2");
        Tick(inbox, Welcome, Payslip);

        var response = await PressAsync(client, inbox, "deplacer", values: new Dictionary<string, string> { ["vers"] = PracticeSeed.CouncilsFolder });

        Assert.Equal("/courrier?page=2", response.Headers.Location?.OriginalString);
        var after = await FollowAsync(client, response);
        Assert.Equal("2 messages déplacés vers « Conseils de classe ».", Banner(after));
        Assert.Null(after.Query("nav.pager"));
        Assert.DoesNotContain(Welcome, Subjects(after));
        var folder = await HtmlPage.GetAsync(client, "/courrier?dossier=" + Uri.EscapeDataString(PracticeSeed.CouncilsFolder));
        Assert.Contains(Welcome, Subjects(folder));
        Assert.Contains(Payslip, Subjects(folder));
    }

    [Fact]
    public async Task Move_WithoutChoosingAFolder_ErrorSummaryLinksToTheSelect_TicksKept_NoBanner()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Absences);

        var page = await HtmlPage.LoadAsync(await PressAsync(client, inbox, "deplacer"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("#vers", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal("Erreur : Choisissez le dossier vers lequel déplacer les messages.", page.Text("#vers-error"));
        Assert.Equal("vers-error", page.Query("#vers")!.GetAttribute("aria-describedby"));
        Assert.True(Checkbox(page, Absences).IsChecked);
        Assert.Empty(page.QueryAll("#statut *"));
    }

    [Fact]
    public async Task NothingTicked_ErrorSummaryLinksToTheFirstCheckbox()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");

        var page = await HtmlPage.LoadAsync(await PressAsync(client, inbox, "supprimer"));

        Assert.Equal("#selection", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal("Erreur : Cochez au moins un message.", page.Text("#selection-error"));
        Assert.Equal("selection-error", page.Query("#selection")!.GetAttribute("aria-describedby"));
        Assert.Equal(25, page.QueryAll("#liste tbody tr").Length);

        var htmx = await HtmlPage.LoadAsync(await PressAsync(client, inbox, "supprimer", htmx: true));
        Assert.Equal("Cochez au moins un message.", htmx.Query("#statut .banner.err")!.TextContent);
    }

    [Theory]
    [InlineData("supprimer", "Trash", "1 message mis à la corbeille.")]
    [InlineData("indesirable", "Junk", "1 message signalé comme indésirable et déplacé dans « Indésirables ».")]
    public async Task DeleteOrJunk_MovesToCorbeilleOrIndesirables(string action, string folder, string banner)
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Maintenance);

        var after = await FollowAsync(client, await PressAsync(client, inbox, action));

        Assert.Equal(banner, Banner(after));
        Assert.DoesNotContain(Maintenance, Subjects(after));
        Assert.Contains(Maintenance, Subjects(await HtmlPage.GetAsync(client, "/courrier?dossier=" + folder)));
    }

    [Fact]
    public async Task DeleteForGood_FromCorbeille_AsksOnAPage_ThenDeletesExactlyThose()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Maintenance);
        await PressAsync(client, inbox, "supprimer");
        var trash = await HtmlPage.GetAsync(client, "/courrier?dossier=Trash");
        Assert.Equal("Supprimer définitivement", trash.Query("button[value=effacer]")!.TextContent);
        Assert.Null(trash.Query("button[value=supprimer]"));
        Tick(trash, Maintenance);

        var ask = await PressAsync(client, trash, "effacer");

        Assert.StartsWith("/courrier/effacer?dossier=Trash&u=", ask.Headers.Location?.OriginalString);
        var confirm = await FollowAsync(client, ask);
        Assert.Equal("Supprimer définitivement ce message ?", confirm.Text("h1"));
        Assert.Contains(Maintenance, confirm.Text("main ul"));
        Assert.Contains("définitive", confirm.Text(".warning"));
        Assert.Equal("/courrier?dossier=Trash", confirm.Query("form.actions a")!.GetAttribute("href"));
        // Still there until confirmed.
        Assert.Contains(Maintenance, Subjects(await HtmlPage.GetAsync(client, "/courrier?dossier=Trash")));

        var done = await FollowAsync(client, await SubmitAsync(client, confirm, "main form"));

        Assert.Equal("1 message supprimé définitivement.", Banner(done));
        Assert.Equal([TrashedOffer], Subjects(done));
    }

    [Fact]
    public async Task DeleteForGood_WithHtmx_IsSentToTheConfirmationPage()
    {
        var client = await SignInAsync();
        var trash = await HtmlPage.GetAsync(client, "/courrier?dossier=Trash");
        Tick(trash, TrashedOffer);

        var response = await PressAsync(client, trash, "effacer", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/courrier/effacer?dossier=Trash&u=", string.Join("", response.Headers.GetValues("HX-Redirect")));
        Assert.Null(response.Headers.Location);
        Assert.Contains(TrashedOffer, Subjects(await HtmlPage.GetAsync(client, "/courrier?dossier=Trash")));
    }

    [Fact]
    public async Task DeleteForGood_OutsideCorbeilleOrIndesirables_IsRefused()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/effacer?dossier=INBOX&u=1");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Suppression définitive impossible ici", page.Text("h1"));
        Assert.Null(page.Query("main form"));
    }

    [Fact]
    public async Task EmptyTrash_ConfirmationPage_ThenEverythingSeenIsGone()
    {
        var client = await SignInAsync();
        var trash = await HtmlPage.GetAsync(client, "/courrier?dossier=Trash");
        var link = trash.QueryAll("main a").Single(a => a.TextContent == "Vider la corbeille");

        var confirm = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);

        Assert.Equal("Vider le dossier « Corbeille » ?", confirm.Text("h1"));
        Assert.Equal("Le message du dossier « Corbeille » sera supprimé définitivement.", confirm.Text("main > p"));
        Assert.Equal("Oui, vider le dossier « Corbeille »", confirm.Text("main form button"));
        var done = await FollowAsync(client, await SubmitAsync(client, confirm, "main form"));
        Assert.Equal("Le dossier « Corbeille » a été vidé : 1 message supprimé définitivement.", Banner(done));
        Assert.Empty(Subjects(done));
        Assert.Equal("Le dossier « Corbeille » est déjà vide", (await HtmlPage.GetAsync(client, "/courrier/vider?dossier=Trash")).Text("h1"));
    }

    [Fact]
    public async Task EmptyFolder_OnlyCorbeilleAndIndesirables()
    {
        var client = await SignInAsync();

        var inbox = await HtmlPage.GetAsync(client, "/courrier/vider?dossier=INBOX");
        var junk = await HtmlPage.GetAsync(client, "/courrier/vider?dossier=Junk");

        Assert.Equal(HttpStatusCode.BadRequest, inbox.Status);
        Assert.Null(inbox.Query("main form"));
        Assert.Equal("Vider le dossier « Indésirables » ?", junk.Text("h1"));
    }

    [Fact]
    public async Task MessagePage_Toolbar_UnreadBackToTheList_FollowBackToTheMessage_DeleteToTheTrash()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var href = Row(inbox, Absences).QuerySelector("a")!.GetAttribute("href")!;
        var message = await HtmlPage.GetAsync(client, href);
        Assert.Equal("Ce message", message.Text("fieldset.tools legend"));
        Assert.Null(message.Query("button[value=lu]"));

        var followed = await FollowAsync(client, await PressAsync(client, message, "suivre"));
        Assert.Equal(href, followed.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal("1 message suivi.", Banner(followed));
        Assert.NotNull(followed.Query("button[value=nepassuivre]"));
        Assert.Null(followed.Query("button[value=suivre]"));

        var unread = await FollowAsync(client, await PressAsync(client, followed, "nonlu"));
        Assert.Equal("/courrier", unread.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal("1 message marqué comme non lu.", Banner(unread));
        Assert.Equal("u", Row(unread, Absences).GetAttribute("class"));

        var deleted = await FollowAsync(client, await PressAsync(client, await HtmlPage.GetAsync(client, href), "supprimer"));
        Assert.Equal("1 message mis à la corbeille.", Banner(deleted));
        Assert.DoesNotContain(Absences, Subjects(deleted));
    }

    [Fact]
    public async Task MessagePage_MoveWithoutAFolder_ShowsTheErrorPattern()
    {
        var client = await SignInAsync();
        var message = await HtmlPage.GetAsync(client, Row(await HtmlPage.GetAsync(client, "/courrier"), Absences).QuerySelector("a")!.GetAttribute("href")!);

        var page = await HtmlPage.LoadAsync(await PressAsync(client, message, "deplacer"));

        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("#vers", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal(Absences, page.Text("h1"));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var uid = Checkbox(inbox, Absences).Value;

        var response = await client.PostAsync("/courrier", new FormUrlEncodedContent([new("action", "supprimer"), new("u", uid)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Absences, Subjects(await HtmlPage.GetAsync(client, "/courrier")));
    }

    [Fact]
    public async Task HtmxPost_AfterTheSessionEnded_NavigatesToSignIn_InsteadOfSwappingItIntoTheList()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, Absences);
        var signOut = await HtmlPage.GetAsync(client, "/courrier");
        await client.PostAsync("/deconnexion", new FormUrlEncodedContent([new("__RequestVerificationToken", signOut.Query("form.out input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));

        var response = await PressAsync(client, inbox, "lu", htmx: true);

        Assert.True(response.Headers.Contains("HX-Redirect") || response.Headers.Contains("HX-Refresh"),
            $"{(int)response.StatusCode} with headers {response.Headers}");
        Assert.DoesNotContain("<h1>Se connecter</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

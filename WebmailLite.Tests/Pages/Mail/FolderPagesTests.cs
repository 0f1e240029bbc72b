using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>« Gérer les dossiers »: create, rename, delete, with the GOV.UK error pattern and the system folders protected.</summary>
public sealed class FolderPagesTests : IDisposable
{
    private readonly WebmailFactory _factory = PracticeFactory.Create();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, HtmlPage page, string name, string parent = "") =>
        ListForms.SubmitAsync(client, page, "main form[method=post]", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Parent"] = parent });

    [Fact]
    public async Task FolderNav_LinksToManageFolders()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        Assert.Equal("/courrier/dossiers", page.QueryAll("nav.folders a").Single(a => a.TextContent == "Gérer les dossiers").GetAttribute("href"));
    }

    [Fact]
    public async Task FoldersPage_SystemFoldersHaveNoRenameNorDelete_OwnFoldersHaveBoth()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/dossiers");

        Assert.Equal("Gérer les dossiers", page.Text("h1"));
        var rows = page.QueryAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent);
        foreach (var system in new[] { "Boîte de réception", "Brouillons", "Envoyés", "Archives", "Indésirables", "Corbeille" })
        {
            Assert.Empty(rows[system].QuerySelectorAll("td a"));
            Assert.Equal("dossier du système", rows[system].QuerySelector("td:last-child")!.TextContent);
        }
        var own = rows[PracticeSeed.TripsFolder].QuerySelectorAll("td a").Select(a => a.TextContent).ToList();
        Assert.Equal([$"Renommer le dossier « {PracticeSeed.TripsFolder} »", $"Supprimer le dossier « {PracticeSeed.TripsFolder} »"], own);
    }

    [Fact]
    public async Task Create_AtTheTopThenInside_BannerAndInTheFolderList()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/dossiers");

        var created = await CreateAsync(client, page, "  Projets 2026-2027 ");

        Assert.Equal("/courrier/dossiers", created.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        Assert.Equal("Le dossier « Projets 2026-2027 » a été créé.", after.Text("#statut .banner"));
        Assert.Contains("dans « Projets 2026-2027 »", after.QueryAll("#Input_Parent option").Select(o => o.TextContent));

        var child = await CreateAsync(client, after, "Théâtre", "Projets 2026-2027");
        Assert.Equal(HttpStatusCode.Redirect, child.StatusCode);
        var nav = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Contains("Théâtre", nav.QueryAll("nav.folders a").Select(a => a.TextContent));
        var listed = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        Assert.Contains("Projets 2026-2027 › Théâtre", listed.QueryAll("tbody th").Select(th => th.TextContent));
    }

    [Theory]
    [InlineData("", "Saisissez le nom du dossier.")]
    [InlineData("Projets/Théâtre", "Le nom du dossier ne peut pas contenir / . \\ % ni * : ces caractères séparent les dossiers sur certains serveurs.")]
    [InlineData("M. Dupont", "Le nom du dossier ne peut pas contenir / . \\ % ni * : ces caractères séparent les dossiers sur certains serveurs.")]
    [InlineData("inbox", "« inbox » est le nom réservé à la boîte de réception. Choisissez un autre nom.")]
    [InlineData("sorties SCOLAIRES", "Un dossier « sorties SCOLAIRES » existe déjà à cet emplacement. Choisissez un autre nom.")]
    [InlineData("corbeille", null)]
    public async Task Create_RefusedNames_GovUkErrorPattern_TypedNameKept(string name, string? error)
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/dossiers");

        var response = await CreateAsync(client, page, name);

        if (error is null)
        {
            // « Corbeille » is only the French label of Trash: a folder of that name is allowed.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return;
        }
        var after = await HtmlPage.LoadAsync(response);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.StartsWith("Erreur : ", after.Title);
        Assert.Equal("#Input_Name", after.Query(".err-sum[role=alert] a")!.GetAttribute("href"));
        Assert.Equal(error, after.Query(".err-sum a")!.TextContent);
        Assert.Equal("Erreur : " + error, after.Text("#Input_Name-error"));
        Assert.Equal("Input_Name-hint Input_Name-error", after.Query("#Input_Name")!.GetAttribute("aria-describedby"));
        Assert.Equal(name, after.Query("#Input_Name")!.GetAttribute("value") ?? "");
        Assert.Null(after.Query("#statut .banner"));
    }

    [Fact]
    public async Task Rename_OwnFolder_BannerAndMessagesFollow()
    {
        var client = await SignInAsync();
        var folders = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        var link = folders.QueryAll("tbody a").Single(a => a.TextContent.StartsWith("Renommer", StringComparison.Ordinal) && a.TextContent.Contains(PracticeSeed.TripsFolder, StringComparison.Ordinal));
        var page = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
        Assert.Equal($"Renommer le dossier « {PracticeSeed.TripsFolder} »", page.Text("h1"));
        Assert.Equal(PracticeSeed.TripsFolder, page.Query("#Input_Name")!.GetAttribute("value"));

        var response = await ListForms.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Name"] = "Sorties 2026" });

        Assert.Equal("/courrier/dossiers", response.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        Assert.Equal($"Le dossier « {PracticeSeed.TripsFolder} » s’appelle maintenant « Sorties 2026 ».", after.Text("#statut .banner"));
        var list = await HtmlPage.GetAsync(client, "/courrier?dossier=Sorties%202026");
        Assert.Contains("Autorisations parentales pour la sortie", ListForms.Subjects(list));
    }

    [Fact]
    public async Task Rename_ToASiblingsName_IsAnError()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/dossiers/renommer?dossier=" + Uri.EscapeDataString(PracticeSeed.TripsFolder));

        var after = await HtmlPage.LoadAsync(await ListForms.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Name"] = "CONSEILS DE CLASSE" }));

        Assert.StartsWith("Erreur : ", after.Title);
        Assert.Equal("Erreur : Un dossier « CONSEILS DE CLASSE » existe déjà à cet emplacement. Choisissez un autre nom.", after.Text("#Input_Name-error"));
    }

    [Theory]
    [InlineData("renommer", "INBOX", "« Boîte de réception » est un dossier du système : il ne peut pas être renommé.")]
    [InlineData("renommer", "Trash", "« Corbeille » est un dossier du système : il ne peut pas être renommé.")]
    [InlineData("supprimer", "Sent", "« Envoyés » est un dossier du système : il ne peut pas être supprimé.")]
    [InlineData("supprimer", "Junk", "« Indésirables » est un dossier du système : il ne peut pas être supprimé.")]
    public async Task SystemFolders_RenameAndDeletePagesRefuse_AndSoDoTheirPosts(string what, string folder, string message)
    {
        var client = await SignInAsync();

        var page = await HtmlPage.GetAsync(client, $"/courrier/dossiers/{what}?dossier={folder}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Dossier du système", page.Text("h1"));
        Assert.Equal(message, page.Text("main > p"));
        Assert.Null(page.Query("main form"));

        // A hand-made POST is refused the same way (the token comes from another page's form).
        var folders = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        var token = folders.Query("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/courrier/dossiers/{what}?dossier={folder}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Name", "Autre")]));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task Delete_NonEmptyFolder_IsRefusedWithAClearMessage_AndNoButton()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/dossiers/supprimer?dossier=" + Uri.EscapeDataString(PracticeSeed.CouncilsFolder));

        Assert.Equal($"Le dossier « {PracticeSeed.CouncilsFolder} » ne peut pas être supprimé", page.Text("h1"));
        Assert.Equal("Il contient encore 2 messages. Déplacez-les ou supprimez-les d’abord, puis revenez ici.", page.Text("main > p"));
        Assert.Null(page.Query("main form"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task Delete_EmptyFolder_ConfirmationPage_ThenGone()
    {
        var client = await SignInAsync();
        await CreateAsync(client, await HtmlPage.GetAsync(client, "/courrier/dossiers"), "À supprimer");
        var folders = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        var link = folders.QueryAll("tbody a").Single(a => a.TextContent == "Supprimer le dossier « À supprimer »");

        var confirm = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);

        Assert.Equal("Supprimer le dossier « À supprimer » ?", confirm.Text("h1"));
        Assert.Equal("Oui, supprimer le dossier", confirm.Text("main form button"));
        Assert.Equal("/courrier/dossiers", confirm.Query("main form a")!.GetAttribute("href"));
        var response = await ListForms.SubmitAsync(client, confirm, "main form");
        Assert.Equal("/courrier/dossiers", response.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        Assert.Equal("Le dossier « À supprimer » a été supprimé.", after.Text("#statut .banner"));
        Assert.DoesNotContain("À supprimer", after.QueryAll("tbody th").Select(th => th.TextContent));
    }

    [Fact]
    public async Task Delete_FolderThatGotAMessageAfterTheConfirmationPage_IsKept()
    {
        var client = await SignInAsync();
        await CreateAsync(client, await HtmlPage.GetAsync(client, "/courrier/dossiers"), "Bientôt plein");
        var confirm = await HtmlPage.GetAsync(client, "/courrier/dossiers/supprimer?dossier=" + Uri.EscapeDataString("Bientôt plein"));
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        ListForms.Tick(inbox, ListForms.Subjects(inbox)[0]);
        await ListForms.PressAsync(client, inbox, "deplacer", values: new Dictionary<string, string> { ["vers"] = "Bientôt plein" });

        var after = await HtmlPage.LoadAsync(await ListForms.SubmitAsync(client, confirm, "main form"));

        Assert.StartsWith("Erreur : ", after.Title);
        Assert.Equal("Le dossier « Bientôt plein » n’est pas vide : déplacez ou supprimez d’abord ses messages.", after.Text(".err-sum li"));
        Assert.Contains("Bientôt plein", (await HtmlPage.GetAsync(client, "/courrier/dossiers")).QueryAll("tbody th").Select(th => th.TextContent));
    }
}

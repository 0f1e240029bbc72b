using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>« Préférences » through its real form, in practice mode: saved per person and applied at once.</summary>
public sealed class PreferencesPagesTests : IDisposable
{
    private const string Url = "/parametres/preferences";
    private const string Signature = "Camille Martin\nSecrétariat — Collège Jean Moulin";

    private readonly WebmailFactory _factory = PracticeFactory.Create();

    public void Dispose() => _factory.Dispose();

    private PracticeStore Store => _factory.Services.GetRequiredService<PracticeStore>();

    private Task<HttpClient> CamilleAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    private static async Task<HtmlPage> SaveAsync(HttpClient client, Dictionary<string, string> values)
    {
        var form = await HtmlPage.GetAsync(client, Url);
        var response = await form.SubmitAsync(client, "main form", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url, response.Headers.Location!.OriginalString);
        return await HtmlPage.GetAsync(client, Url);
    }

    private static int Rows(HtmlPage list) => list.QueryAll("#liste tbody tr").Length;

    private static string Body(HtmlPage compose) => compose.Query("#Input_Body")!.TextContent;

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task Page_LinkedFromTheHeader_ShowsTheDefaults()
    {
        var client = await CamilleAsync();

        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var page = await HtmlPage.GetAsync(client, Url);

        Assert.Equal("Préférences", inbox.Text($"header a[href='{Url}']"));
        Assert.Equal("Préférences", page.Text("h1"));
        Assert.StartsWith("Préférences – ", page.Title);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_PageSize")!).IsChecked, "25, the server's page size, is checked");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_Language")!).IsChecked, "French, the page's language, is checked");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_HtmlAsText")!).IsChecked);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_CollectContacts")!).IsChecked);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_Placement")!).IsChecked);
        Assert.Equal(["Messages par page", "Langue", "Lecture et contacts", "Place de la signature dans une réponse ou un transfert"],
            page.QueryAll("main legend").Select(l => l.TextContent));
        Assert.Equal("Signature", page.Text("label[for=Input_Signature]"));
        Assert.NotNull(page.Query("main form input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task PageSize50_ChangesTheListAtOnce_ForThatPersonOnly()
    {
        var client = await CamilleAsync();
        var total = Store.ReadAll(PracticeSeed.Identifier, "INBOX").Count;
        Assert.True(total > 25, $"the practice inbox has {total} messages: not enough to see a page of 50");
        Assert.Equal(25, Rows(await HtmlPage.GetAsync(client, "/courrier")));

        var saved = await SaveAsync(client, new() { ["Input.PageSize"] = "50" });

        Assert.Equal("Vos préférences sont enregistrées.", saved.Text("main [role=status]"));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)saved.Query("#Input_PageSize_50")!).IsChecked);
        Assert.Equal(Math.Min(50, total), Rows(await HtmlPage.GetAsync(client, "/courrier")));
        var julien = await _factory.SignedInAsync(PracticeSeed.SecondIdentifier, PracticeSeed.Password);
        Assert.True(Rows(await HtmlPage.GetAsync(julien, "/courrier")) <= 25, "Julien keeps the server's page size");
    }

    [Fact]
    public async Task Signature_InANewMessage_AfterTheDashDashSpaceLine_Once()
    {
        var client = await CamilleAsync();
        await SaveAsync(client, new() { ["Input.Signature"] = "-- \r\n" + Signature.Replace("\n", "\r\n") + "\r\n\r\n" });

        var compose = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        Assert.Equal("\n\n-- \n" + Signature + "\n", Body(compose));
        Assert.Equal(Signature, (await HtmlPage.GetAsync(client, Url)).Query("#Input_Signature")!.TextContent);
    }

    [Theory]
    [InlineData("BelowQuote")]
    [InlineData("AboveQuote")]
    public async Task Signature_InAReplyAndAForward_WhereChosen(string placement)
    {
        var client = await CamilleAsync();
        var uid = Store.AddMessage(PracticeSeed.Identifier, "INBOX", new MimeMessage(
            [new MailboxAddress("Hélène Dubois", "helene.dubois@ac-test.fr")], [MailboxAddress.Parse("camille.martin@" + PracticeSeed.Domain)],
            "Conseil de classe", new TextPart("plain") { Text = "Le conseil est jeudi." }), seen: false);
        await SaveAsync(client, new() { ["Input.Signature"] = Signature, ["Input.Placement"] = placement });

        foreach (var mode in new[] { "repondre", "transferer" })
        {
            var body = Body(await HtmlPage.GetAsync(client, $"/courrier/ecrire?dossier=INBOX&{mode}={uid}"));

            var quote = body.IndexOf("Le conseil est jeudi.", StringComparison.Ordinal);
            var signature = body.IndexOf("\n-- \n" + Signature + "\n", StringComparison.Ordinal);
            Assert.True(quote > 0 && signature >= 0, body);
            Assert.Equal(placement == "BelowQuote", signature > quote);
            Assert.Equal(1, Count(body, "-- \n"));
            Assert.StartsWith("\n\n", body);
        }
    }

    [Fact]
    public async Task Signature_NeverTwice_DraftReopened_OrFormBackAfterAnError()
    {
        var client = await CamilleAsync();
        await SaveAsync(client, new() { ["Input.Signature"] = Signature });
        var compose = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var edited = "Bonjour,\nvoici le menu." + Body(compose).Replace("Secrétariat", "Secrétaire");

        var refused = await HtmlPage.LoadAsync(await compose.SubmitAsync(client, "form.compose", new Dictionary<string, string> { ["Input.Subject"] = "Menu", ["Input.Body"] = edited }));
        var saved = await ComposeMail.SaveDraftAsync(compose, client, new() { ["Input.Subject"] = "Menu", ["Input.Body"] = edited });
        var draft = await HtmlPage.GetAsync(client, saved.Headers.Location!.OriginalString);

        Assert.StartsWith("Erreur : ", refused.Title);
        Assert.Equal(edited, Body(refused));
        Assert.Equal(edited.TrimEnd('\n'), Body(draft).TrimEnd('\n'));
        Assert.Equal(1, Count(Body(draft), "-- \n"));
    }

    [Fact]
    public async Task NoSignature_NewMessageStartsEmpty()
    {
        var client = await CamilleAsync();

        Assert.Equal("", Body(await HtmlPage.GetAsync(client, "/courrier/ecrire")));
    }

    [Fact]
    public async Task HtmlAsText_TheMessagePageShowsTheHtmlMailAsText()
    {
        var client = await CamilleAsync();
        var uid = Store.AddMessage(PracticeSeed.Identifier, "INBOX", new MimeMessage(
            [new MailboxAddress("Rectorat", "info@ac-test.fr")], [MailboxAddress.Parse("camille.martin@" + PracticeSeed.Domain)],
            "Lettre d'information", new TextPart("html") { Text = "<h2>Rentrée</h2><p>Les <strong>dates</strong> sont connues.</p>" }), seen: false);
        var url = $"/courrier/message?dossier=INBOX&uid={uid}";
        var before = await HtmlPage.GetAsync(client, url);
        Assert.NotNull(before.Query(".body.html strong"));

        await SaveAsync(client, new() { ["Input.HtmlAsText"] = "true" });
        var after = await HtmlPage.GetAsync(client, url);

        Assert.Null(after.Query(".body.html"));
        Assert.Contains("Les dates sont connues.", after.Text(".body.text"));
    }

    [Fact]
    public async Task Language_English_AppliesWhenSaved_AndAtTheNextSignIn()
    {
        var client = await CamilleAsync();
        var form = await HtmlPage.GetAsync(client, Url);

        var response = await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Language"] = "en" });
        var saved = await HtmlPage.GetAsync(client, Url);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-GB", StringComparison.Ordinal));
        Assert.Equal("en", saved.Query("html")!.GetAttribute("lang"));
        Assert.Equal("Preferences", saved.Text("h1"));
        Assert.Equal("Your preferences are saved.", saved.Text("main [role=status]"));

        // Another computer: no language cookie, French until the person signs in.
        var elsewhere = _factory.NewClient();
        Assert.Equal("fr", (await HtmlPage.GetAsync(elsewhere, "/")).Query("html")!.GetAttribute("lang"));
        var signedIn = await elsewhere.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-GB", StringComparison.Ordinal));
        Assert.Equal("en", (await HtmlPage.GetAsync(elsewhere, "/courrier")).Query("html")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task SignatureTooLong_GovUkError_TypedTextKeptWhole_NothingSaved()
    {
        var client = await CamilleAsync();
        var form = await HtmlPage.GetAsync(client, Url);
        var tooLong = string.Concat(Enumerable.Repeat("Collège Jean Moulin ", 60));

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Signature"] = tooLong, ["Input.PageSize"] = "100" }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("alert", page.Query(".err-sum")!.GetAttribute("role"));
        const string message = "La signature doit compter au plus 1000 caractères : raccourcissez-la.";
        Assert.Contains(message, page.Query(".err-sum a[href='#Input_Signature']")!.TextContent);
        Assert.Contains(message, page.Text("#Input_Signature-error"));
        Assert.Contains("Input_Signature-error", page.Query("#Input_Signature")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.Query("#Input_Signature")!.GetAttribute("aria-invalid"));
        Assert.Equal(tooLong, page.Query("#Input_Signature")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Query("#Input_PageSize_100")!).IsChecked, "the other choices come back as posted");
        Assert.Null(page.Query("main [role=status] .banner"));
        Assert.Equal(25, Rows(await HtmlPage.GetAsync(client, "/courrier")));
    }

    [Theory]
    [InlineData("Input.PageSize", "37", "Input_PageSize", "Choisissez 25, 50 ou 100 messages par page.")]
    [InlineData("Input.Language", "de", "Input_Language", "Choisissez le français ou l'anglais.")]
    [InlineData("Input.Placement", "Milieu", "Input_Placement", "Choisissez où placer la signature.")]
    [InlineData("Input.Signature", "Camille\u0007", "Input_Signature", "La signature contient un caractère invisible (caractère de contrôle) : saisissez-la à nouveau au clavier.")]
    public async Task NotAnOption_IsReportedOnItsField(string name, string value, string fieldId, string message)
    {
        var client = await CamilleAsync();
        var form = await HtmlPage.GetAsync(client, Url);

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string> { [name] = value }));

        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Contains(message, page.Query($".err-sum a[href='#{fieldId}']")!.TextContent);
        Assert.Contains(message, page.Text($"#{fieldId}-error"));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused_NothingSaved()
    {
        var client = await CamilleAsync();

        var response = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.PageSize"] = "50" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(25, Rows(await HtmlPage.GetAsync(client, "/courrier")));
    }
}

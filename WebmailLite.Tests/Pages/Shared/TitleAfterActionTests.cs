using System.Net;
using System.Text.RegularExpressions;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Shared;

/// <summary>
/// After an action the page title says what happened, before the page's own name (WCAG 2.4.2, RGAA 8.6): a screen
/// reader announces the title of the page an action lands on, without JavaScript as with htmx.
/// </summary>
public sealed partial class TitleAfterActionTests : IDisposable
{
    private readonly WebmailFactory _factory = PracticeFactory.Create();

    [Fact]
    public async Task Envoyer_TheInboxTitleSaysTheMessageWasSent_Once()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var compose = await ComposeMail.OpenAsync(client);

        var response = await ComposeMail.PostAsync(compose, client, new()
        {
            ["Input.To"] = "julien.bernard@ac-entrainement.fr",
            ["Input.Subject"] = "Copies de 4e B",
            ["Input.Body"] = "Bonjour,",
        });
        var inbox = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        var again = await HtmlPage.GetAsync(client, "/courrier");

        Assert.StartsWith("Boîte de réception – ", again.Title, StringComparison.Ordinal);
        Assert.Equal("Votre message « Copies de 4e B » a été envoyé – " + again.Title, inbox.Title);
    }

    [Fact]
    public async Task ListAction_WithoutJavaScript_TheTitleStartsWithTheBanner()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var subject = ListForms.Subjects(inbox)[0];
        ListForms.Tick(inbox, subject);

        var response = await ListForms.PressAsync(client, inbox, "lu");
        var after = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);

        var banner = after.Text("#statut .banner");
        var again = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.StartsWith("Boîte de réception – ", again.Title, StringComparison.Ordinal);
        Assert.Equal(FirstSentence(banner) + " – " + again.Title, after.Title);
    }

    /// <summary>With htmx the fragment carries a top-level title, which htmx 2 puts in the tab.</summary>
    [Fact]
    public async Task ListAction_WithHtmx_TheFragmentCarriesTheNewTitle()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        ListForms.Tick(inbox, ListForms.Subjects(inbox)[0]);

        var response = await ListForms.PressAsync(client, inbox, "lu", htmx: true);
        var fragment = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var title = TitleElement().Match(fragment);
        Assert.True(title.Success, fragment[..Math.Min(400, fragment.Length)]);
        var banner = BannerText().Match(fragment).Groups[1].Value;
        var again = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal(FirstSentence(WebUtility.HtmlDecode(banner)) + " – " + again.Title, WebUtility.HtmlDecode(title.Groups[1].Value));
    }

    [Fact]
    public async Task PreferencesSaved_TheTitleSaysSo()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/parametres/preferences");

        var response = await form.SubmitAsync(client, "main form[method=post]");
        var after = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);

        Assert.Equal(FirstSentence(after.Text("main [role=status] .banner")) + " – Préférences – Messagerie académique", after.Title);
    }

    [Fact]
    public async Task SignOut_TheSignInTitleSaysYouAreSignedOut()
    {
        var page = await HtmlPage.GetAsync(_factory.NewClient(), "/?session=fermee");

        Assert.Equal("Vous êtes déconnecté – Se connecter – Messagerie académique", page.Title);
    }

    private static string FirstSentence(string text) => text.Split(". ")[0].TrimEnd('.');

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("^\\s*<title>([^<]*)</title>")]
    private static partial Regex TitleElement();

    [GeneratedRegex("<p class=\"banner ok\">([^<]*)</p>")]
    private static partial Regex BannerText();
}

using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>Sign-in on the practice mailbox: the page, its errors, the throttle, the cookie.</summary>
public sealed class SignInPageTests : IDisposable
{
    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Get_ShowsLabelledFieldsInFrench_WithSharedComputerByDefault()
    {
        var page = await HtmlPage.GetAsync(_factory.NewClient(), "/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Se connecter – Messagerie académique", page.Title);
        Assert.Equal("Identifiant académique (obligatoire)", page.Text("label[for=Input_Identifier]"));
        Assert.Equal("Mot de passe (obligatoire)", page.Text("label[for=Input_Password]"));
        Assert.Equal("username", page.Query("#Input_Identifier")!.GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.Query("#Input_Password")!.GetAttribute("autocomplete"));
        Assert.Equal("Cet ordinateur est :", page.Text("legend"));
        Assert.True(page.Query("#Input_Computer")!.HasAttribute("checked"));
        Assert.Equal("partagé", page.Text("label[for=Input_Computer]"));
        Assert.Equal("personnel", page.Text("label[for=Input_Computer_Personal]"));
        Assert.Equal("Se connecter", page.Text("main button[type=submit]"));
        Assert.NotNull(page.Query("main a[href='/mot-de-passe-oublie']"));
        Assert.NotNull(page.Query("main a[href='/aide']"));
        Assert.Contains("Mode entraînement", page.Text(".practice"));
        Assert.Contains(PracticeSeed.Identifier, page.Text(".practice-id"));
        Assert.Null(page.Query(".err-sum"));
    }

    [Fact]
    public async Task Post_Empty_ShowsGovUkErrorSummaryLinkedToBothFields()
    {
        var client = _factory.NewClient();

        var page = await HtmlPage.LoadAsync(await client.SignInAsync("", ""));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Erreur : ", page.Title);
        var summary = page.Query(".err-sum")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("Il y a un problème", page.Text(".err-sum h2"));
        var links = page.QueryAll(".err-sum a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(("#Input_Identifier", "Saisissez votre identifiant académique."), links[0]);
        Assert.Equal(("#Input_Password", "Saisissez votre mot de passe."), links[1]);
        Assert.Equal("Erreur : Saisissez votre identifiant académique.", page.Text("#Input_Identifier-error"));
        Assert.Contains("Input_Identifier-error", page.Query("#Input_Identifier")!.GetAttribute("aria-describedby"));
        Assert.Contains("Input_Password-error", page.Query("#Input_Password")!.GetAttribute("aria-describedby"));
        // The summary comes before the h1, at the top of main.
        Assert.Same(summary, page.Query("main > *"));
    }

    [Fact]
    public async Task Post_WrongPasswordOrUnknownAccount_SameMessage_IdentifierKept_PasswordNot()
    {
        var client = _factory.NewClient();

        var wrongPassword = await HtmlPage.LoadAsync(await client.SignInAsync(PracticeSeed.Identifier, "pas-le-bon"));
        var unknownAccount = await HtmlPage.LoadAsync(await client.SignInAsync("personne.inconnue", "pas-le-bon"));

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.StartsWith("L'identifiant académique ou le mot de passe est incorrect.", wrongPassword.Text(".err-sum li"));
        Assert.Equal(wrongPassword.Text(".err-sum"), unknownAccount.Text(".err-sum"));
        Assert.Equal(PracticeSeed.Identifier, wrongPassword.Query("#Input_Identifier")!.GetAttribute("value"));
        Assert.False(wrongPassword.Query("#Input_Password")!.HasAttribute("value"));
        Assert.DoesNotContain("pas-le-bon", wrongPassword.Html);
    }

    [Fact]
    public async Task Post_TooManyFailures_BlocksEvenTheRightPassword_AndSaysHowLongToWait()
    {
        var client = _factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("Camille.Martin", "mauvais-" + i);
        }

        var page = await HtmlPage.LoadAsync(await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Matches(@"Trop de tentatives de connexion ont échoué\. Pour protéger le compte, attendez 1[45] minutes avant de réessayer\.", page.Text(".err-sum li"));
    }

    [Fact]
    public async Task Post_Success_SetsOnlyAnOpaqueHttpOnlyStrictSessionCookie()
    {
        var client = _factory.NewClient();

        var response = await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/courrier", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wl_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Shared computer: a browser-session cookie, no expiry.
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0]["wl_session=".Length..];
        Assert.Equal(43, value.Length);
        Assert.DoesNotContain("camille", value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PracticeSeed.Password, value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_PersonalComputer_CookieLivesUntilTheAbsoluteLimit()
    {
        var response = await _factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password, "Personal");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wl_session=", StringComparison.Ordinal));
        Assert.Contains("expires", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_ReturnUrl_GoesBackToTheAskedPage_ButNeverOffSite()
    {
        var client = _factory.NewClient();
        var challenge = await client.GetAsync("/courrier?dossier=Sent");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var signInUrl = challenge.Headers.Location!.OriginalString;

        var page = await HtmlPage.GetAsync(client, signInUrl);
        var response = await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = PracticeSeed.Identifier,
            ["Input.Password"] = PracticeSeed.Password,
        });
        var other = _factory.NewClient();
        var evilPage = await HtmlPage.GetAsync(other, "/?retour=https://evil.example/");
        var evil = await evilPage.SubmitAsync(other, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = PracticeSeed.Identifier,
            ["Input.Password"] = PracticeSeed.Password,
        });

        Assert.Equal("/courrier?dossier=Sent", response.Headers.Location?.OriginalString);
        Assert.Equal("/courrier", evil.Headers.Location?.OriginalString);
    }
}

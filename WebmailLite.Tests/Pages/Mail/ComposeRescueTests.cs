using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Mail.Compose;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// A compose form posted after the session ended is kept, encrypted, for its owner alone, and comes back after they
/// sign in again — after an idle timeout and after a restart of the app; never for someone else, never after a day.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class ComposeRescueTests : IDisposable
{
    private const string KeptNotice = "Votre message en cours a été conservé : il s'ouvrira après la connexion.";

    private readonly TestClock _clock = new();
    private readonly WebmailFactory _factory;

    public ComposeRescueTests()
    {
        _factory = new WebmailFactory(WebmailFactory.DovecotSettings(), services: s => s.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task IdleTimeout_ThenEnvoyer_FormKept_SignIn_ComposeRestoredWithFiles_ThenSent()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("conserve", "conserve-dest");
        var (me, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var typed = Typed(recipient);
        // A first post with a typo keeps the first file on the server, as happens while writing.
        var first = RandomFile("bulletin 3e B.pdf", "application/pdf", 30_000);
        var withError = await HtmlPage.LoadAsync(await PostAsync(await OpenAsync(client), client, new() { ["Input.To"] = "loic.garnier@ac-test" }, first));
        Assert.StartsWith("Erreur : ", withError.Title);

        _clock.Advance(TimeSpan.FromMinutes(16));
        var second = RandomFile("emploi du temps.png", "image/png", 12_000);
        var posted = await PostAsync(withError, client, typed, second);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/?session=expiree&conserve=1", posted.Headers.Location!.OriginalString);
        Assert.Contains(posted.Headers.GetValues("Set-Cookie"), v => v.StartsWith("wl_session=;", StringComparison.Ordinal));
        var signIn = await HtmlPage.GetAsync(client, posted.Headers.Location.OriginalString);
        Assert.Contains("Votre session a expiré", signIn.Text(".banner[role=status]"));
        Assert.Equal(KeptNotice, signIn.QueryAll(".banner[role=status] p").Last().TextContent);

        var restored = await SignInAndOpenKeptAsync(client, me);

        AssertRestored(restored, typed, ["Retirer « bulletin 3e B.pdf » (30 Ko)", "Retirer « emploi du temps.png » (12 Ko)"]);
        // Shown once: the kept copy is gone, and the next sign-in lands on the inbox as usual.
        Assert.Equal(0, _factory.Services.GetRequiredService<IRescuedComposeStore>().CountFor(me.Identifier));
        Assert.Null((await HtmlPage.GetAsync(client, "/courrier/ecrire?conserve=1")).Query(".banner.restored"));

        var sent = await PostAsync(restored, client, new() { ["Input.To"] = $"Loïc Garnier <{recipient.Address}>" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, typed["Input.Subject"]);
        Assert.Equal(typed["Input.Body"], delivered.TextBody!.ReplaceLineEndings("\n"));
        var parts = delivered.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(first.Content, Decode(parts[0]));
        Assert.Equal(second.Content, Decode(parts[1]));
    }

    [Fact]
    public async Task SentForm_PostedAgainAfterTheSessionEnded_KeptThenRestored_DoesNotLeaveTwice()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("renvoi-conserve", "renvoi-conserve-dest");
        var (me, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var typed = new Dictionary<string, string>(Typed(recipient)) { ["Input.To"] = recipient.Address };
        var form = await OpenAsync(client);
        Assert.Equal("/courrier", (await PostAsync(form, client, typed)).Headers.Location!.OriginalString);
        await MailServer.Instance.WaitForMessageAsync(recipient, typed["Input.Subject"]);

        // The back button, after the session ended: the form is kept, and comes back after signing in…
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("/?session=expiree&conserve=1", (await PostAsync(form, client, typed)).Headers.Location!.OriginalString);
        var restored = await SignInAndOpenKeptAsync(client, me);
        Assert.Equal(form.Query("input[name='Input.FormId']")!.GetAttribute("value"), restored.Query("input[name='Input.FormId']")!.GetAttribute("value"));

        // …still the form that had left.
        var again = await PostAsync(restored, client, []);

        Assert.Equal("/courrier", again.Headers.Location!.OriginalString);
        Assert.Equal("Ce message était déjà parti : il n'a pas été envoyé une seconde fois.", (await HtmlPage.GetAsync(client, "/courrier")).Text(".banner.ok p"));
        await Task.Delay(1500);
        Assert.Equal(1, await CountAsync(recipient, typed["Input.Subject"]));
    }

    [Fact]
    public async Task AppRestarted_BetweenTypingAndEnvoyer_FormKept_EncryptedAtRest_RestoredAfterSignIn()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("redemarrage", "redemarrage-dest");
        var (me, recipient) = (accounts[0], accounts[1]);
        var storage = Directory.CreateTempSubdirectory("webmaillite-rescue-").FullName;
        var cookies = new CookieContainer();
        var typed = Typed(recipient);
        var file = RandomFile("compte rendu.odt", "application/vnd.oasis.opendocument.text", 25_000);
        try
        {
            HtmlPage compose;
            using (var first = new WebmailFactory(WebmailFactory.DovecotSettings(), storageFolder: storage))
            {
                var client = Client(first, cookies);
                Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(me.Identifier, me.Password)).StatusCode);
                compose = await OpenAsync(client);
            }

            // The same browser (same cookies, the page already loaded) presses « Envoyer » on the restarted app.
            using (var second = new WebmailFactory(WebmailFactory.DovecotSettings(), storageFolder: storage))
            {
                var posted = await PostAsync(compose, Client(second, cookies), typed, file);
                Assert.Equal("/?session=expiree&conserve=1", posted.Headers.Location!.OriginalString);
            }

            // At rest the kept form is ciphertext: neither its subject nor its body can be found in LiteDB's files.
            foreach (var path in Directory.GetFiles(storage, "*.db"))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                foreach (var secret in new[] { typed["Input.Subject"], "devoirs surveillés" })
                {
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
                }
            }

            using var third = new WebmailFactory(WebmailFactory.DovecotSettings(), storageFolder: storage);
            var restored = await SignInAndOpenKeptAsync(Client(third, cookies), me);
            AssertRestored(restored, typed, ["Retirer « compte rendu.odt » (25 Ko)"]);
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    [Fact]
    public async Task AnotherIdentifier_SigningInOnThatBrowser_SeesNothing_TheOwnerStillDoes()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("proprio", "voisin", "proprio-dest");
        var (owner, neighbour) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(owner.Identifier, owner.Password);
        var compose = await OpenAsync(client);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var typed = Typed(accounts[2]);
        Assert.Equal("/?session=expiree&conserve=1", (await PostAsync(compose, client, typed)).Headers.Location!.OriginalString);

        var signedIn = await client.SignInAsync(neighbour.Identifier, neighbour.Password);
        Assert.Equal("/courrier", signedIn.Headers.Location!.OriginalString);
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire?conserve=1");
        Assert.Null(page.Query(".banner.restored"));
        Assert.Equal("", page.Query("#Input_Subject")!.GetAttribute("value") ?? "");
        Assert.Empty(page.QueryAll(".atts li"));
        Assert.DoesNotContain(typed["Input.Subject"], page.Html);

        // Signed out, then the owner on the same browser: it is there for them.
        await page.SubmitAsync(client, "form.out");
        AssertRestored(await SignInAndOpenKeptAsync(client, owner), typed, []);
    }

    [Fact]
    public async Task After24Hours_NothingIsRestored_AndTheCopyIsPruned()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("vingtquatre", "vingtquatre-dest");
        var client = await _factory.SignedInAsync(accounts[0].Identifier, accounts[0].Password);
        var compose = await OpenAsync(client);
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("/?session=expiree&conserve=1", (await PostAsync(compose, client, Typed(accounts[1]))).Headers.Location!.OriginalString);
        var store = _factory.Services.GetRequiredService<IRescuedComposeStore>();
        Assert.Equal(1, store.CountFor(accounts[0].Identifier));

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal(0, store.CountFor(accounts[0].Identifier));
        var signedIn = await client.SignInAsync(accounts[0].Identifier, accounts[0].Password);
        Assert.Equal("/courrier", signedIn.Headers.Location!.OriginalString);
        Assert.Null((await HtmlPage.GetAsync(client, "/courrier/ecrire?conserve=1")).Query(".banner.restored"));
        // The sweeper (every second in tests) removes it from LiteDB too.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Rescued().Count() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(0, Rescued().Count());

        LiteDB.ILiteCollection<LiteDbRescuedComposeStore.RescuedRecord> Rescued() =>
            _factory.Services.GetRequiredService<WebmailLite.Storage.AppDatabase>().Collection<LiteDbRescuedComposeStore.RescuedRecord>("rescued_compose");
    }

    [Fact]
    public async Task WithoutAValidToken_OrWithAMadeUpSessionId_NothingIsKept()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("sansjeton", "sansjeton-dest");
        var me = accounts[0];
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var compose = await OpenAsync(client);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var typed = Typed(accounts[1]);

        // The ended session's cookie, but a forged token: what a cross-site page could at best attempt.
        var forged = await PostAsync(compose, client, new(typed) { ["__RequestVerificationToken"] = "CfDJ8forged" });
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/?session=expiree", forged.Headers.Location!.OriginalString);

        // A cross-site post carries no SameSite=Strict cookie at all: challenged like any anonymous request.
        var anonymous = await PostAsync(compose, _factory.NewClient(), typed);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/", anonymous.Headers.Location!.OriginalString);

        // A valid token with a session id this app never issued: no record, nothing kept.
        var stranger = _factory.CreateDefaultClient();
        var antiforgeryCookie = compose.Response.RequestMessage!.Headers.GetValues("Cookie").Single().Split("; ").Single(c => c.StartsWith("wl_af=", StringComparison.Ordinal));
        stranger.DefaultRequestHeaders.Add("Cookie", antiforgeryCookie + "; wl_session=" + new string('A', 43));
        var madeUp = await PostAsync(compose, stranger, typed);
        Assert.Equal("/?session=expiree", madeUp.Headers.Location!.OriginalString);

        Assert.Equal(0, _factory.Services.GetRequiredService<IRescuedComposeStore>().CountFor(me.Identifier));
        Assert.Equal("/courrier", (await client.SignInAsync(me.Identifier, me.Password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LiveSession_WithoutAValidToken_IsStillRefused()
    {
        var me = await MailServer.Instance.CreateAccountAsync("jetonvivant");
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var compose = await OpenAsync(client);

        var response = await PostAsync(compose, client, new() { ["__RequestVerificationToken"] = "CfDJ8forged", ["Input.To"] = me.Address });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Dictionary<string, string> Typed(TestAccount recipient) => new()
    {
        ["Input.To"] = $"Loïc Garnier <{recipient.Address}>; loic.garnier@ac-test",
        ["Input.Cc"] = "",
        ["Input.Bcc"] = "",
        ["Input.Subject"] = "Conseil de classe : appréciations " + Guid.NewGuid().ToString("N")[..6],
        ["Input.Body"] = "Bonjour,\n\nvoici mes appréciations pour les devoirs surveillés.\n\n— Élodie\n",
    };

    private static HttpClient Client(WebmailFactory factory, CookieContainer cookies) =>
        factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    private static async Task<HtmlPage> SignInAndOpenKeptAsync(HttpClient client, TestAccount account)
    {
        var signedIn = await client.SignInAsync(account.Identifier, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/courrier/ecrire?conserve=1", signedIn.Headers.Location!.OriginalString);
        return await OpenAsync(client, signedIn.Headers.Location.OriginalString);
    }

    private static void AssertRestored(HtmlPage page, Dictionary<string, string> typed, string[] files)
    {
        Assert.StartsWith("Votre session avait expiré pendant que vous écriviez : votre message a été conservé", page.Text(".banner.restored[role=status] p"));
        // Exactly as typed, the invalid address included: the person corrects it, nothing was dropped.
        Assert.Equal(typed["Input.To"], page.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal(typed["Input.Bcc"], page.Query("#Input_Bcc")!.GetAttribute("value"));
        Assert.Equal(typed["Input.Subject"], page.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal(typed["Input.Body"], ((IHtmlTextAreaElement)page.Query("#Input_Body")!).Value);
        Assert.Equal(files, page.QueryAll(".atts li label").Select(l => l.TextContent));
        Assert.DoesNotContain("Erreur", page.Title);
    }
}

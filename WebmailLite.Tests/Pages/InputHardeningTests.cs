using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Guide;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Pages;

/// <summary>
/// Issue 10, points 8 and 9, through the real forms and addresses: a NUL character in a field is that field's error
/// (everything else typed kept, the post logged without its values), and a number that does not convert is a 404,
/// never a silent 0.
/// </summary>
public sealed class InputHardeningTests : IDisposable
{
    private const string Nul = "\0";
    private const string NulMessage = "Ce texte contenait un caractère invisible (caractère nul), que nous avons retiré : relisez-le, puis validez à nouveau.";

    private readonly CapturedLogs _logs = new();
    private readonly WebmailFactory _factory;

    public InputHardeningTests()
    {
        _factory = new WebmailFactory(services: services =>
        {
            services.AddSingleton(provider => new PracticeStore(provider.GetRequiredService<AppDatabase>(), provider.GetRequiredService<TimeProvider>(), iterations: 1_000));
            services.AddSingleton<ILoggerProvider>(_logs);
        });
    }

    public void Dispose() => _factory.Dispose();

    private PracticeStore Store => _factory.Services.GetRequiredService<PracticeStore>();

    private string NulLog => Assert.Single(_logs.Messages, m => m.Contains("NUL character"));

    private static void AssertFieldError(HtmlPage page, string fieldId)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Contains(page.QueryAll(".err-sum a"), a => a.GetAttribute("href") == "#" + fieldId && a.TextContent.Trim() == NulMessage);
        Assert.Equal("Erreur : " + NulMessage, page.Text($"#{fieldId}-error"));
        Assert.Contains(fieldId + "-error", page.Query("#" + fieldId)!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Nul_InTheSignInIdentifier_IsItsFieldError_TheRestKept_NoSignInTried()
    {
        var page = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync("camille" + Nul + ".martin", PracticeSeed.Password));

        AssertFieldError(page, "Input_Identifier");
        Assert.Equal("camille.martin", page.Query("#Input_Identifier")!.GetAttribute("value"));
        Assert.Contains("/Account/SignIn", NulLog);
        Assert.Contains("Input.Identifier", NulLog);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("Signed in"));
    }

    [Fact]
    public async Task Nul_InTheSignInPassword_IsItsFieldError_AndThePasswordIsNeverLogged()
    {
        var page = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync(PracticeSeed.Identifier, "secret-tres-long" + Nul));

        AssertFieldError(page, "Input_Password");
        Assert.Contains("Input.Password", NulLog);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("secret-tres-long"));
    }

    [Fact]
    public async Task Nul_InTheRecoveryIdentifier_IsItsFieldError_AndTheJourneyDoesNotStart()
    {
        var client = _factory.NewClient();
        var start = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie");

        var page = await HtmlPage.LoadAsync(await start.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Identifier"] = Nul + "cmartin" }));

        AssertFieldError(page, "Input_Identifier");
        Assert.Equal("cmartin", page.Query("#Input_Identifier")!.GetAttribute("value"));
        Assert.Contains("/Recovery/Index", NulLog);
    }

    [Fact]
    public async Task Nul_InTheDeskRequest_IsItsFieldError_EverythingTypedKept_NoTicketOpened()
    {
        var client = _factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, PracticeSeed.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "Assistance");
        var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.HowToReach"] = "05 55 00" + Nul + " 00 00",
            ["Input.Message"] = "Rappelez-moi après 17 h, merci.",
        }));

        AssertFieldError(page, "Input_HowToReach");
        Assert.Equal("05 55 00 00 00", page.Query("#Input_HowToReach")!.GetAttribute("value"));
        Assert.Equal("Rappelez-moi après 17 h, merci.", page.Text("#Input_Message"));
        Assert.Contains("Input.HowToReach", NulLog);
    }

    [Fact]
    public async Task Nul_InComposeFields_AreTheirErrors_EverythingTypedAndTheFileKept_NothingSent()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var sentBefore = Store.ReadAll(PracticeSeed.SecondIdentifier, "INBOX").Count;

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = "julien.bernard@ac-entrainement.fr",
            ["Input.Subject"] = "Conseil" + Nul + " de classe",
            ["Input.Body"] = "Bonjour,\nla réunion est à 17 h." + Nul,
        }, [new UploadFile("Input.Files", "ordre-du-jour.pdf", "application/pdf", [1, 2, 3, 4])]));

        AssertFieldError(page, "Input_Subject");
        AssertFieldError(page, "Input_Body");
        Assert.Equal("julien.bernard@ac-entrainement.fr", page.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal("Conseil de classe", page.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Bonjour,\nla réunion est à 17 h.", page.Query("#Input_Body")!.TextContent);
        Assert.Contains(page.QueryAll(".atts li label"), l => l.TextContent.Contains("ordre-du-jour.pdf"));
        Assert.Equal(sentBefore, Store.ReadAll(PracticeSeed.SecondIdentifier, "INBOX").Count);
        Assert.Contains("Input.Subject, Input.Body", NulLog);
    }

    [Fact]
    public async Task Nul_InTheGuideLetter_IsItsFieldError_AndNoLetterIsShown()
    {
        var client = _factory.NewClient();
        var form = await HtmlPage.GetAsync(client, "/aide/lettre");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Martin" + Nul,
            ["Input.FirstName"] = "Camille",
        }));

        AssertFieldError(page, "Input_LastName");
        Assert.Equal("Martin", page.Query("#Input_LastName")!.GetAttribute("value"));
        Assert.Equal("Camille", page.Query("#Input_FirstName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Nul_InANewFolderName_IsItsFieldError_AndNoFolderIsCreated()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/courrier/dossiers");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Name"] = "Pro" + Nul + "jets" }));

        AssertFieldError(page, "Input_Name");
        Assert.Equal("Projets", page.Query("#Input_Name")!.GetAttribute("value"));
        Assert.DoesNotContain(Store.GetFolders(PracticeSeed.Identifier), f => f.FullName.Contains("Projets"));
    }

    [Fact]
    public async Task Nul_InTheCurrentPassword_IsItsFieldError_AndNothingIsChecked()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = PracticeSeed.Password + Nul,
            ["Input.New"] = "une phrase de passe assez longue",
        }));

        AssertFieldError(page, "Input_Current");
        Assert.True(Store.VerifyPassword(PracticeSeed.Identifier, PracticeSeed.Password));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(PracticeSeed.Password) || m.Contains("une phrase de passe"));
    }

    [Theory]
    [InlineData("/parametres/securite/adresse-de-secours", "Input.Address", "secours" + Nul + "@exemple.fr", "Input_Address")]
    [InlineData("/parametres/securite/questions", "Input.Answer1", "Mar" + Nul + "seille", "Input_Answer1")]
    [InlineData("/parametres/securite/questions", "Input.Own2", "Le nom de ma" + Nul + " première école ?", "Input_Own2")]
    public async Task Nul_InASecuritySetting_IsItsFieldError_AndNothingIsChanged(string url, string field, string value, string fieldId)
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, url);

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = PracticeSeed.Password,
            [field] = value,
        }));

        AssertFieldError(page, fieldId);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(PracticeSeed.Password));
        var security = await HtmlPage.GetAsync(client, "/parametres/securite");
        // No code sent to a half-typed address (the security page would say it waits for confirmation).
        Assert.DoesNotContain("exemple.fr", security.Text("main"));
    }

    [Fact]
    public async Task Nul_InAHiddenField_IsRefusedWithoutRunningTheHandler()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var sentBefore = Store.ReadAll(PracticeSeed.SecondIdentifier, "INBOX").Count;

        var response = await form.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = "julien.bernard@ac-entrainement.fr",
            ["Input.Remove"] = "x" + Nul,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(sentBefore, Store.ReadAll(PracticeSeed.SecondIdentifier, "INBOX").Count);
    }

    [Theory]
    [InlineData("partie=99999999999")]
    [InlineData("partie=abc")]
    [InlineData("partie=")]
    [InlineData("partie=-1")]
    [InlineData("uid=99999999999&partie=0", false)]
    public async Task PartAddress_WithANumberThatDoesNotFit_IsNotFound_NeverPartZero(string query, bool keepUid = true)
    {
        var message = new MimeMessage { Subject = "Pièce" };
        message.From.Add(new MailboxAddress("Julien", "julien.bernard@ac-entrainement.fr"));
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Bonjour" }, new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream([1, 2, 3])), FileName = "a.pdf" } };
        var uid = Store.AddMessage(PracticeSeed.Identifier, "INBOX", message, seen: false);
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/courrier/piece?dossier=INBOX&uid={uid}&partie=0")).StatusCode);

        var response = await client.GetAsync("/courrier/piece?dossier=INBOX&" + (keepUid ? $"uid={uid}&" : "") + query);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/courrier?page=99999999999")]
    [InlineData("/courrier?page=deux")]
    [InlineData("/courrier/message?dossier=INBOX&uid=99999999999")]
    [InlineData("/courrier/message?dossier=INBOX&uid=1x")]
    [InlineData("/courrier/ecrire?repondre=99999999999")]
    [InlineData("/courrier/recherche?q=a&page=99999999999")]
    public async Task SignedInAddresses_WithANumberThatDoesNotFit_AreNotFound(string url)
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/mot-de-passe-oublie?reprise=99999999999")]
    [InlineData("/mot-de-passe-oublie?reprise=oui")]
    public async Task PublicAddresses_WithANumberThatDoesNotFit_AreNotFound(string url)
    {
        var response = await _factory.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

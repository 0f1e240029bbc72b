using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Pages;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Site;

/// <summary>
/// « Plan du site » (RGAA 12.3): every page of <see cref="PageRoutes"/> a person can open directly is on it, and
/// every link on it answers. A new page must be added to the plan or, below, to the pages reached only from another.
/// </summary>
public sealed class SiteMapTests : IClassFixture<SiteMapTests.Fixture>
{
    /// <summary>Pages not opened directly, each with why.</summary>
    private static readonly Dictionary<string, string> ReachedFromAnotherPage = new(StringComparer.Ordinal)
    {
        [PageRoutes.SignOut] = "a button in the header",
        [PageRoutes.Error] = "shown when something breaks",
        [PageRoutes.Session] = "where a page goes by itself when the session ends, and the time-limit warning's data",
        [PageRoutes.Language] = "the language link in the footer",
        [PageRoutes.Message] = "one message, from a list",
        [PageRoutes.Part] = "one attachment, from a message",
        [PageRoutes.RenameFolder] = "one folder, from « Gérer les dossiers »",
        [PageRoutes.DeleteFolder] = "one folder, from « Gérer les dossiers »",
        [PageRoutes.Erase] = "confirming an action on ticked messages",
        [PageRoutes.Empty] = "confirming an action on one folder",
        [PageRoutes.MarkAllRead] = "confirming an action on one folder",
        [PageRoutes.ContactDelete] = "one contact, from the list",
        [PageRoutes.CancelSend] = "confirming the cancel of one waiting message, from « En attente d'envoi »",
        [PageRoutes.ContactSuggestions] = "the recipient suggestions' data, fetched by the compose form's script",
        [PageRoutes.RemindLater] = "a button of the invitation to prepare the account",
        [PageRoutes.ContactsExport] = "a file download, linked from « Contacts »",
        [PageRoutes.BackupCode] = "a step after « Adresse de secours »",
        [PageRoutes.BackupRemove] = "a confirmation from « Sécurité du compte »",
        [PageRoutes.RecoveryMethod] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryByMail] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryAssistance] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryAssistanceSent] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryQuestion] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryCode] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryNewPassword] = "a step of « Mot de passe oublié »",
        [PageRoutes.RecoveryDone] = "the end of « Mot de passe oublié »",
        [PageRoutes.DeskTicket] = "one request, from the desk",
        [PageRoutes.GuideSection] = "listed section by section",
        [PageRoutes.Desk] = "listed for the desk's agents only (SiteMap_ListsTheDesk_ToItsAgentsOnly)",
    };

    private readonly Fixture _fixture;

    public SiteMapTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task EveryPageOpenedDirectly_IsOnThePlan()
    {
        var page = await HtmlPage.GetAsync(_fixture.Factory.NewClient(), PageRoutes.SiteMap);
        var links = page.QueryAll("main a[href]").Select(a => a.GetAttribute("href")!).ToHashSet(StringComparer.Ordinal);

        var missing = PageRoutes.ByPage.Values.Distinct()
            .Where(route => !ReachedFromAnotherPage.ContainsKey(route) && !links.Contains(route))
            .ToList();

        Assert.True(missing.Count == 0, "Not on « Plan du site »: " + string.Join(", ", missing));
        Assert.Equal(page.QueryAll("main a[href^='/aide/']").Length - 1, _fixture.Factory.Services.GetRequiredService<WebmailLite.Guide.GuideCatalog>().Sections("fr").Count);
    }

    /// <summary>Every link of the plan opens its page (200, its own h1), none is an error or a redirect: the public
    /// ones without a session (signed in, « Se connecter » leads to the inbox), the others signed in.</summary>
    [Fact]
    public async Task EveryLinkOnThePlan_OpensItsPage()
    {
        var anonymous = _fixture.Factory.NewClient();
        var signedIn = await _fixture.Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var plan = await HtmlPage.GetAsync(signedIn, PageRoutes.SiteMap);
        var links = plan.QueryAll("main #public + ul a[href]").Select(a => (Client: anonymous, Href: a.GetAttribute("href")!))
            .Concat(plan.QueryAll("main #connecte ~ ul a[href]").Select(a => (Client: signedIn, Href: a.GetAttribute("href")!)))
            .ToList();

        Assert.Equal(plan.QueryAll("main a[href]").Length, links.Count);
        foreach (var (client, href) in links)
        {
            var page = await HtmlPage.GetAsync(client, href);
            Assert.True(page.Status == HttpStatusCode.OK, $"{href}: {page.Status}");
            Assert.Single(page.QueryAll("h1"));
        }
    }

    [Fact]
    public async Task SiteMap_ListsTheDesk_ToItsAgentsOnly()
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?> { ["Recovery:AssistanceAgents:0"] = PracticeSeed.Identifier });
        var agent = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var asAgent = await HtmlPage.GetAsync(agent, PageRoutes.SiteMap);
        var anonymous = await HtmlPage.GetAsync(factory.NewClient(), PageRoutes.SiteMap);

        Assert.NotNull(asAgent.Query($"main a[href='{PageRoutes.Desk}']"));
        Assert.Null(anonymous.Query($"main a[href='{PageRoutes.Desk}']"));
    }

    public sealed class Fixture : IDisposable
    {
        public WebmailFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>
/// « Préparez votre compte en 2 minutes »: on the mail pages while no backup address is confirmed, put off by « Plus
/// tard » for this identifier on the server (so not for the next person on a shared computer), gone for good once a
/// backup address is confirmed. In practice mode, whose accounts can prepare recovery like any other.
/// </summary>
public sealed class EnrolmentReminderTests
{
    private const string Reminder = "section.reminder";
    private const string Title = "Préparez votre compte en 2 minutes : adresse de secours et questions";

    private static async Task<HtmlPage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ShownOnTheMailPages_StillWhileTheAddressAwaitsItsCode_GoneOnceConfirmed()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();

        foreach (var url in new[] { "/courrier", "/courrier?dossier=Sent", "/courrier/attente", "/courrier/recherche?q=conseil" })
        {
            var page = await HtmlPage.GetAsync(client, url);
            Assert.Equal(Title, page.Text($"main .side {Reminder} h2#rappel-t"));
            Assert.Equal("rappel-t", page.Query(Reminder)!.GetAttribute("aria-labelledby"));
            Assert.Equal("Préparer mon compte dans « Sécurité du compte »", page.Text($"{Reminder} a[href='/parametres/securite']"));
            var form = page.Query($"{Reminder} form[method=post][action='/parametres/securite/plus-tard']")!;
            Assert.Equal("Plus tard", form.QuerySelector("button[type=submit]")!.TextContent);
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
        // Not over a message being written, nor on the settings pages (the invitation's own subject).
        Assert.Null((await HtmlPage.GetAsync(client, "/courrier/ecrire")).Query(Reminder));
        Assert.Null((await HtmlPage.GetAsync(client, "/parametres/securite")).Query(Reminder));

        // An address typed, its code not yet given back: it cannot be used to recover, so the invitation stays.
        var address = "camille.perso@laposte.net";
        var backup = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
        var codePage = await FollowAsync(client, await backup.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = address }));
        Assert.NotNull((await HtmlPage.GetAsync(client, "/courrier")).Query(Reminder));

        var code = await factory.CodeSentToAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, (await codePage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = code })).StatusCode);

        Assert.Null((await HtmlPage.GetAsync(client, "/courrier")).Query(Reminder));
        Assert.Null((await HtmlPage.GetAsync(client, "/courrier/attente")).Query(Reminder));
        var again = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Null((await HtmlPage.GetAsync(again, "/courrier")).Query(Reminder));
    }

    [Fact]
    public async Task PlusTard_PutOffForThisIdentifierOnTheServer_NotForTheNextPerson_BackAfter30Days()
    {
        var clock = new TestClock();
        using var factory = new WebmailFactory(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(provider => new PracticeStore(provider.GetRequiredService<AppDatabase>(), provider.GetRequiredService<TimeProvider>(), iterations: 1_000));
        });
        var shared = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var outbox = await HtmlPage.GetAsync(shared, "/courrier/attente");

        var later = await outbox.SubmitAsync(shared, $"{Reminder} form");

        // Back to the page it was pressed on, which says when it comes back, once.
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal("/courrier/attente", later.Headers.Location!.OriginalString);
        var after = await HtmlPage.GetAsync(shared, "/courrier/attente");
        Assert.Equal("C'est noté : nous vous le proposerons de nouveau dans 30 jours. Vous pouvez préparer votre compte à tout moment dans « Sécurité du compte ».",
            after.Text("main .side .banner.ok[role=status] p"));
        Assert.Null(after.Query(Reminder));
        Assert.Null((await HtmlPage.GetAsync(shared, "/courrier")).Query(".banner.ok"));
        Assert.Null((await HtmlPage.GetAsync(shared, "/courrier")).Query(Reminder));
        // The same person in another browser: put off there too (kept on the server, not in this browser).
        var elsewhere = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Null((await HtmlPage.GetAsync(elsewhere, "/courrier")).Query(Reminder));

        // The next person on the same shared computer is still invited.
        await (await HtmlPage.GetAsync(shared, "/courrier")).SubmitAsync(shared, "form.out");
        Assert.Equal(HttpStatusCode.Redirect, (await shared.SignInAsync(PracticeSeed.SecondIdentifier, PracticeSeed.Password)).StatusCode);
        Assert.Equal(Title, (await HtmlPage.GetAsync(shared, "/courrier")).Text($"{Reminder} h2"));

        // 30 days on, the first person is invited again.
        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var month = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Equal(Title, (await HtmlPage.GetAsync(month, "/courrier")).Text($"{Reminder} h2"));
    }

    [Fact]
    public async Task PlusTard_WithoutItsToken_Refused_AndNeverSendsOffSite()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");

        var forged = await client.PostAsync("/parametres/securite/plus-tard", new FormUrlEncodedContent(new Dictionary<string, string> { ["retour"] = "/courrier" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotNull((await HtmlPage.GetAsync(client, "/courrier")).Query(Reminder));

        var offSite = await inbox.SubmitAsync(client, $"{Reminder} form", new Dictionary<string, string> { ["retour"] = "https://evil.example/" });
        Assert.Equal("/courrier", offSite.Headers.Location!.OriginalString);
        // Opened by itself (a bookmark, a link), it leads to what it is about.
        var get = await client.GetAsync("/parametres/securite/plus-tard");
        Assert.Equal("/parametres/securite", get.Headers.Location!.OriginalString);
    }
}

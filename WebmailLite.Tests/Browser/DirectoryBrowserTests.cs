using Microsoft.Playwright;
using WebmailLite.Tests.Accounts.Ldap;
using WebmailLite.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>The app on the rig's OpenLDAP, for the browser tests of the académie's directory.</summary>
public sealed class DirectoryLiveServer : IDisposable
{
    public LiveServer Server { get; } = new(LdapSettings.For(DirectoryServer.Instance));

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// « Write to a colleague by typing part of the name », keyboard only, in Chromium against the rig's OpenLDAP, Dovecot
/// and Postfix: with JavaScript the directory's colleagues are options of the recipient combobox; without, the name
/// typed is found when the form is sent and comes back as the colleague's address, to be checked and sent.
/// </summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class DirectoryBrowserTests(BrowserFixture browser, DirectoryLiveServer fixture) : IClassFixture<DirectoryLiveServer>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task WithJavaScript_AColleagueFromTheDirectory_TypedWithoutAccents_ArrowDownEnter_Arrives()
    {
        var (sender, colleague, tag) = await PeopleAsync();
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);
        await page.GotoAsync("/courrier/ecrire");
        var to = page.Locator("#Input_To");
        await to.FocusAsync();

        await page.Keyboard.TypeAsync($"helene querin{tag}");

        var listbox = page.GetByRole(AriaRole.Listbox, new() { Name = "Adresses suggérées" });
        await Expect(listbox.GetByRole(AriaRole.Option)).ToHaveTextAsync([$"Hélène Quérïn{tag} <{colleague.Address}>"]);
        await Expect(page.Locator("#recipients-status")).ToHaveTextAsync("1 suggestion : flèche bas pour la choisir");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(to).ToHaveValueAsync($"Hélène Quérïn{tag} <{colleague.Address}>, ");
        await Axe.AssertNoViolationsAsync(page, "rédaction, destinataire choisi dans l'annuaire");

        var subject = "Annuaire avec script " + tag;
        await SendFromSubjectAsync(page, subject);
        var delivered = await MailServer.Instance.WaitForMessageAsync(colleague.Account, subject);
        Assert.Equal($"Hélène Quérïn{tag}", delivered.To.Mailboxes.Single().Name);
    }

    [Fact]
    public async Task WithoutJavaScript_TheNameTypedIsFoundAtSend_CheckedThenSent()
    {
        var (sender, colleague, tag) = await PeopleAsync();
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);
        await page.GotoAsync("/courrier/ecrire");
        await page.Locator("#Input_To").FocusAsync();
        await page.Keyboard.TypeAsync($"querin{tag}");
        var subject = "Annuaire sans script " + tag;

        await SendFromSubjectAsync(page, subject, landsInInbox: false);

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Erreur : "));
        await Expect(page.Locator("#Input_To")).ToHaveValueAsync($"Hélène Quérïn{tag} <{colleague.Address}>");
        await Expect(page.Locator(".err-sum")).ToContainTextAsync($"« querin{tag} » a été remplacé par Hélène Quérïn{tag} <{colleague.Address}>");
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, await page.ContentAsync(), 1280, "rédaction, nom trouvé dans l'annuaire");
        // The error summary has focus after a refused post; the form is sent again from its subject.
        await page.Locator("#Input_Subject").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
        await MailServer.Instance.WaitForMessageAsync(colleague.Account, subject);
    }

    private async Task<(TestPerson Sender, TestPerson Colleague, string Tag)> PeopleAsync()
    {
        var directory = DirectoryServer.Instance;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var sender = await directory.CreatePersonAsync("Paul Envoyeur", "Rectorat, DSI");
        var colleague = await directory.CreatePersonAsync($"Hélène Quérïn{tag}", "Collège Jean Moulin, Marseille");
        await LdapDirectoryTests.ReloadStaffAsync(Server);
        return (sender, colleague, tag);
    }

    /// <summary>From À: Tab to Cc, Cci and Objet, type the subject, Enter sends (the form's first button, « Envoyer »).</summary>
    private static async Task SendFromSubjectAsync(IPage page, string subject, bool landsInInbox = true)
    {
        foreach (var next in new[] { "#Input_Cc", "#Input_Bcc", "#Input_Subject" })
        {
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.Locator(next)).ToBeFocusedAsync();
        }
        await page.Keyboard.TypeAsync(subject);
        await page.Keyboard.PressAsync("Enter");
        if (landsInInbox)
        {
            await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
        }
        else
        {
            await PageActions.WaitForLoadAsync(page);
        }
    }
}

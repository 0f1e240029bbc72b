using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebmailLite.Contacts;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// « Write to a contact by typing three letters of the name », keyboard only, in Chromium against Dovecot and Postfix:
/// with JavaScript (the recipient combobox) and without (the browser's datalist). Each journey first writes to the
/// person by typing the address in full, so it also shows that a sent message's recipient is suggested next time.
/// </summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class ContactsBrowserTests(BrowserFixture browser, DovecotLiveServer fixture, ITestOutputHelper output)
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task WithJavaScript_RecipientOfASentMessage_SuggestedAsOneTypesThreeLetters_ArrowDownEnter_Arrives()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("combo", "combo-elodie", "combo-loic");
        var (sender, elodie, loic) = (accounts[0], accounts[1], accounts[2]);
        // A second contact starting the same way, written to less: two suggestions, Élodie first.
        await Server.Services.GetRequiredService<IContactStore>().AddAsync(sender.Identifier, new ContactDraft("Éloïse Bernard", ["eloise.bernard@ac-exemple.fr"], ""), default);
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);

        await SendAsync(page, $"Élodie Petit <{elodie.Address}>", "Premier message " + Guid.NewGuid().ToString("N")[..6]);
        await page.GotoAsync("/courrier/ecrire");
        var to = page.Locator("#Input_To");
        await to.FocusAsync();
        // Several addresses in one field: the first typed in full, the second by three letters of the name.
        await page.Keyboard.TypeAsync(loic.Address + "; élo");

        var listbox = page.GetByRole(AriaRole.Listbox, new() { Name = "Adresses suggérées" });
        await Expect(listbox).ToBeVisibleAsync();
        await Expect(to).ToHaveAttributeAsync("role", "combobox");
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(to).ToHaveAttributeAsync("aria-controls", "Input_To-suggestions");
        Assert.Null(await to.GetAttributeAsync("list"));
        await Expect(listbox.GetByRole(AriaRole.Option)).ToHaveTextAsync([$"Élodie Petit <{elodie.Address}>", "Éloïse Bernard <eloise.bernard@ac-exemple.fr>"]);
        // What a screen reader is told: the live region's text, and the roles and states in Chromium's accessibility tree.
        await Expect(page.Locator("#recipients-status")).ToHaveTextAsync("2 suggestions : flèches bas et haut pour les parcourir");
        await Expect(page.Locator("#recipients-status")).ToMatchAriaSnapshotAsync("- status: \"2 suggestions : flèches bas et haut pour les parcourir\"");
        await Expect(to).ToMatchAriaSnapshotAsync("- combobox \"À\" [expanded]");

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(to).ToHaveAttributeAsync("aria-activedescendant", "Input_To-suggestions-0");
        await Expect(page.Locator("#Input_To-suggestions-0")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(listbox).ToMatchAriaSnapshotAsync($"""
            - listbox "Adresses suggérées":
              - option "Élodie Petit <{elodie.Address}>" [selected]
              - option "Éloïse Bernard <eloise.bernard@ac-exemple.fr>"
            """);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        // Past the last option, back round to the first.
        await Expect(to).ToHaveAttributeAsync("aria-activedescendant", "Input_To-suggestions-0");
        await page.Keyboard.PressAsync("Enter");

        await Expect(to).ToHaveValueAsync($"{loic.Address}; Élodie Petit <{elodie.Address}>, ");
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(listbox).ToBeHiddenAsync();
        Assert.Null(await to.GetAttributeAsync("aria-activedescendant"));
        // Enter chose the address; it did not send the form.
        Assert.EndsWith("/courrier/ecrire", new Uri(page.Url).AbsolutePath);

        var subject = "Conseil de classe " + Guid.NewGuid().ToString("N")[..6];
        await FinishAndSendAsync(page, subject);
        var delivered = await MailServer.Instance.WaitForMessageAsync(elodie, subject);
        await MailServer.Instance.WaitForMessageAsync(loic, subject);
        Assert.Equal("Élodie Petit", delivered.To.Mailboxes.Single(m => m.Address == elodie.Address).Name);
    }

    [Fact]
    public async Task WithJavaScript_Escape_ClosesWithoutChoosing_TypingOnAsksAgain_NoneSaid_TabTakesTheOptionAndMovesOn()
    {
        var sender = await MailServer.Instance.CreateAccountAsync("combo-echap");
        await Server.Services.GetRequiredService<IContactStore>().AddAsync(sender.Identifier, new ContactDraft("Hélène Dubois", ["h.dubois@ac-exemple.fr"], ""), default);
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);
        await page.GotoAsync("/courrier/ecrire");
        var cc = page.Locator("#Input_Cc");
        await cc.FocusAsync();

        await page.Keyboard.TypeAsync("hel");
        await Expect(page.Locator("#recipients-status")).ToHaveTextAsync("1 suggestion : flèche bas pour la choisir");
        await page.Keyboard.PressAsync("Escape");
        await Expect(cc).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(cc).ToHaveValueAsync("hel");
        // Down opens the list again on the same results.
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(cc).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.TypeAsync("zzz");
        await Expect(cc).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.Locator("#recipients-status")).ToHaveTextAsync("Aucune suggestion");
        await Expect(cc).ToHaveValueAsync("helzzz");

        // APG list autocomplete: Tab takes the option in visual focus, and the focus moves on to Cci.
        await cc.FillAsync("");
        await page.Keyboard.TypeAsync("dubois");
        await Expect(page.Locator("#Input_Cc-suggestions [role=option]")).ToHaveTextAsync(["Hélène Dubois <h.dubois@ac-exemple.fr>"]);
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Tab");
        await Expect(cc).ToHaveValueAsync("Hélène Dubois <h.dubois@ac-exemple.fr>, ");
        await Expect(page.Locator("#Input_Bcc")).ToBeFocusedAsync();
        await Expect(cc).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>
    /// Without JavaScript, the browser's own datalist. Headless Chromium draws no datalist popup that keys can drive
    /// (it is a separate widget outside the page), so this asserts what can be: the page offers the person in the
    /// datalist of all three fields, the option holds what three letters of the name would pick, and the server sends
    /// to that value when it is in the field.
    /// </summary>
    [Fact]
    public async Task WithoutJavaScript_RecipientOfASentMessage_InTheDatalist_ItsValueIsSent_Arrives()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("datalist", "datalist-elodie");
        var (sender, elodie) = (accounts[0], accounts[1]);
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);

        await SendAsync(page, $"Élodie Petit <{elodie.Address}>", "Premier message " + Guid.NewGuid().ToString("N")[..6]);
        await page.GotoAsync("/courrier/ecrire");
        var to = page.Locator("#Input_To");

        await Expect(page.Locator("datalist#recipients option")).ToHaveCountAsync(1);
        var option = await page.Locator("datalist#recipients option").GetAttributeAsync("value");
        Assert.Equal($"Élodie Petit <{elodie.Address}>", option);
        foreach (var field in new[] { "#Input_To", "#Input_Cc", "#Input_Bcc" })
        {
            await Expect(page.Locator(field)).ToHaveAttributeAsync("list", "recipients");
            Assert.Null(await page.Locator(field).GetAttributeAsync("role"));
        }
        await to.FocusAsync();
        await page.Keyboard.TypeAsync("Élo");
        await page.Keyboard.PressAsync("ArrowDown");
        var afterDown = await to.InputValueAsync();
        output.WriteLine($"Headless Chromium, datalist after « Élo » and ArrowDown: « {afterDown} »");
        // Chromium offers a datalist option whose value contains what is typed: « Élo » is in it.
        Assert.Contains("Élo", option, StringComparison.Ordinal);
        if (afterDown == option)
        {
            await page.Keyboard.PressAsync("Enter");
        }
        else
        {
            // No popup to choose from: put in what choosing the option does, then go on with the keyboard.
            Assert.Equal("Élo", afterDown);
            await to.FillAsync(option!);
        }

        var subject = "Conseil de classe " + Guid.NewGuid().ToString("N")[..6];
        await FinishAndSendAsync(page, subject);
        var delivered = await MailServer.Instance.WaitForMessageAsync(elodie, subject);
        Assert.Equal("Élodie Petit", delivered.To.Mailboxes.Single(m => m.Address == elodie.Address).Name);
    }

    /// <summary>Fills À with <paramref name="recipients"/> as typed, gives a subject and sends; waits for the inbox's banner.</summary>
    private static async Task SendAsync(IPage page, string recipients, string subject)
    {
        await page.GotoAsync("/courrier/ecrire");
        await page.Locator("#Input_To").FillAsync(recipients);
        await FinishAndSendAsync(page, subject);
    }

    /// <summary>From À: Tab to Cc, Cci and Objet, type the subject, Enter sends (the form's first button, « Envoyer »).</summary>
    private static async Task FinishAndSendAsync(IPage page, string subject)
    {
        await page.Locator("#Input_To").FocusAsync();
        foreach (var next in new[] { "#Input_Cc", "#Input_Bcc", "#Input_Subject" })
        {
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.Locator(next)).ToBeFocusedAsync();
        }
        await page.Keyboard.TypeAsync(subject);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
        await Expect(page.Locator(".banner.ok")).ToContainTextAsync(subject);
    }
}

using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>What a person does on the pages, through the real form controls (works with JavaScript on or off).</summary>
public static class PageActions
{
    public static async Task SubmitSignInAsync(IPage page, string identifier, string password)
    {
        if (new Uri(page.Url).AbsolutePath != "/" || await page.Locator("#Input_Identifier").CountAsync() == 0)
        {
            await page.GotoAsync("/");
        }
        await page.Locator("#Input_Identifier").FillAsync(identifier);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs in and waits for the inbox.</summary>
    public static async Task SignInAsync(IPage page, string identifier, string password)
    {
        await SubmitSignInAsync(page, identifier, password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/courrier");
    }

    public static string MessageUrl(uint uid, string folder = "INBOX") =>
        $"/courrier/message?dossier={Uri.EscapeDataString(folder)}&uid={uid}";
}

using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.ScreenReader;

[Collection(ScreenReaderCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
[Trait("Category", "ScreenReader")]
public sealed class ScreenReaderJourneyTests(ScreenReaderRig rig, RecoveryLiveServer fixture, ITestOutputHelper output) : IClassFixture<RecoveryLiveServer>
{
    private LiveServer Server => fixture.Server;

    private Speech Speech => rig.Speech;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInReadReply(bool javaScript)
    {
        var account = await MailServer.Instance.CreateAccountAsync("orca");
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account));
        await rig.SetJavaScriptAsync(javaScript);
        await rig.ForgetCookiesAsync();
        var start = Speech.Mark();
        try
        {
            await rig.Page.GotoAsync(Server.Url("/"));
            var at = await Speech.WaitForAsync(start, "Se connecter");
            await TabToAsync("#Input_Identifier", "Identifiant académique");
            await rig.Keys.TypeAsync(account.Identifier);
            await TabToAsync("#Input_Password", "Mot de passe");
            await rig.Keys.TypeAsync("pas le bon");
            at = Speech.Mark();
            await rig.Keys.PressAsync("Return");
            await PageActions.WaitForLoadAsync(rig.Page);
            await Speech.WaitForInOrderAsync(at, "Il y a un problème", "L'identifiant académique ou le mot de passe est incorrect");
            await Task.Delay(3000);
        }
        finally
        {
            output.WriteLine(Speech.Transcript(start));
        }
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus, then waits for Orca to say <paramref name="spoken"/>.</summary>
    private async Task TabToAsync(string selector, string spoken, int maxPresses = 30)
    {
        var mark = Speech.Mark();
        for (var i = 0; i < maxPresses; i++)
        {
            await rig.Keys.PressAsync("Tab");
            if (await rig.Page.Locator(selector + ":focus").CountAsync() > 0)
            {
                await Speech.WaitForAsync(mark, spoken);
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"{selector} not reached after {maxPresses} Tab presses on {rig.Page.Url}. Orca said:\n{Speech.Transcript(mark)}");
    }
}

using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>« Préférences » on PostgreSQL behind a load balancer: what one instance saved or kept, another shows.</summary>
[Trait("Category", "PostgreSQL")]
public sealed class PreferencesTwoInstancesTests : IDisposable
{
    private const string Url = "/parametres/preferences";
    private const string Signature = "Camille Martin\nSecrétaire de direction\nCollège Jean Moulin — 59000 Lille";

    private readonly TestClock _clock = new();
    private readonly TwoInstances _instances;

    public PreferencesTwoInstancesTests() => _instances = new TwoInstances(schema => PracticeFactory.OnPostgres(schema, _clock));

    private WebmailFactory First => _instances.First;

    private WebmailFactory Second => _instances.Second;

    public void Dispose() => _instances.Dispose();

    [Fact]
    public async Task SavedOnOneInstance_ShownOnTheOther()
    {
        var onFirst = await First.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(onFirst, Url);
        var saved = await form.SubmitAsync(onFirst, "main form", new Dictionary<string, string> { ["Input.Signature"] = Signature, ["Input.PageSize"] = "100" });
        Assert.Equal(Url, saved.Headers.Location!.OriginalString);

        var onSecond = await Second.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var shown = await HtmlPage.GetAsync(onSecond, Url);

        Assert.Equal(Signature, shown.Query("#Input_Signature")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)shown.Query("#Input_PageSize_100")!).IsChecked);
    }

    [Fact]
    public async Task KeptByTheInstanceWhoseSessionEnded_BackOnTheOther_Once()
    {
        var onFirst = await First.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(onFirst, Url);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await form.SubmitAsync(onFirst, "main form", new Dictionary<string, string> { ["Input.Signature"] = Signature });
        Assert.Equal(WebmailLite.Pages.Settings.PreferencesModel.KeptSignInUrl, posted.Headers.Location!.OriginalString);

        var onSecond = await Second.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var restored = await HtmlPage.GetAsync(onSecond, Url);

        Assert.Equal(Signature, restored.Query("#Input_Signature")!.TextContent);
        Assert.Contains("rien n'est encore enregistré", restored.Text("main [role=status]"));
        var onFirstAgain = await First.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Equal("", (await HtmlPage.GetAsync(onFirstAgain, Url)).Query("#Input_Signature")!.TextContent);
    }
}

using Microsoft.Extensions.DependencyInjection;
using System.Net;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Recovery;

/// <summary>The recovery journey driven through its real forms, as a person without JavaScript would.</summary>
public static class RecoveryFlow
{
    /// <summary>
    /// What « Sécurité du compte » would have registered: a backup address and two questions, answered « École
    /// Jules-Ferry » and « Limoges » (accents, case and hyphens do not matter when typed back).
    /// </summary>
    public static void Enrol(IServiceProvider services, string identifier, string backupAddress)
    {
        var enrolments = services.GetRequiredService<WebmailLite.Recovery.IEnrolmentStore>();
        var hasher = services.GetRequiredService<WebmailLite.Recovery.AnswerHasher>();
        enrolments.SetBackupAddress(identifier, backupAddress);
        enrolments.SetQuestions(identifier,
        [
            WebmailLite.Recovery.EnrolledQuestion.From("Le nom de ma première école ?", hasher.Hash("École Jules-Ferry")),
            WebmailLite.Recovery.EnrolledQuestion.From("La ville de naissance de ma mère ?", hasher.Hash("Limoges")),
        ]);
    }

    public static async Task<HtmlPage> StartAsync(HttpClient client, string identifier)
    {
        var start = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie");
        var response = await start.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Identifier"] = identifier });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mot-de-passe-oublie/methode", response.Headers.Location?.OriginalString);
        return await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/methode");
    }

    public static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, HtmlPage methodPage, string method) =>
        await methodPage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Method"] = method });

    /// <summary>Identifier → method 1 → « Envoyer le code »: the code page as shown after the redirect.</summary>
    public static async Task<HtmlPage> AskCodeByMailAsync(HttpClient client, string identifier)
    {
        var method = await StartAsync(client, identifier);
        var chosen = await ChooseAsync(client, method, "ContactMail");
        Assert.Equal("/mot-de-passe-oublie/courriel", chosen.Headers.Location?.OriginalString);
        var byMail = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/courriel");
        var sent = await byMail.SubmitAsync(client, "main form");
        if (sent.StatusCode != HttpStatusCode.Redirect)
        {
            return await HtmlPage.LoadAsync(sent);
        }
        return await HtmlPage.GetAsync(client, sent.Headers.Location!.OriginalString);
    }

    public static async Task<HttpResponseMessage> TypeCodeAsync(HttpClient client, string code)
    {
        var page = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/code");
        return await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = code });
    }

    public static async Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient client, string password)
    {
        var page = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/nouveau-mot-de-passe");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Password"] = password });
    }

    /// <summary>Code then new password; asserts the journey ends on « Mot de passe changé ».</summary>
    public static async Task FinishAsync(HttpClient client, string code, string newPassword)
    {
        var typed = await TypeCodeAsync(client, code);
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal("/mot-de-passe-oublie/nouveau-mot-de-passe", typed.Headers.Location?.OriginalString);
        var chosen = await ChoosePasswordAsync(client, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/mot-de-passe-oublie/termine", chosen.Headers.Location?.OriginalString);
        var done = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/termine");
        Assert.Equal("Mot de passe changé", done.Text("h1"));
        Assert.NotNull(done.Query("main a[href='/']"));
    }
}

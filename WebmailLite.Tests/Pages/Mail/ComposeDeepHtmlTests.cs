using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// Replying to and forwarding HTML built to exhaust a tree builder (100 000 nested elements, which once took minutes
/// and then overflowed the stack): the compose page answers with the quote cut and marked, and the app keeps serving.
/// </summary>
public sealed class ComposeDeepHtmlTests
{
    private const string Subject = "Compte rendu du conseil";
    private const string Opening = "Bonjour, voici le compte rendu.";
    private const string Bottom = "Texte tout au fond";

    [Fact]
    public async Task ReplyAndForward_100000NestedElements_OnDovecot_QuoteCutWithAMark_SentAsSuch_AppStillServes()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings());
        var accounts = await MailServer.Instance.CreateAccountsAsync("profond", "auteur-profond");
        var (me, author) = (accounts[0], accounts[1]);
        var subject = Subject + " " + Guid.NewGuid().ToString("N")[..6];
        var uid = (await MailServer.Instance.AppendAsync(me, "INBOX", DeepMessage(author.Address, me.Address, subject)))!.Value.Id;
        var client = await factory.SignedInAsync(me.Identifier, me.Password);

        var reply = await AssertReplyAndForwardAsync(client, uid);
        var sent = await PostAsync(reply.Page, client, new() { ["Input.Body"] = "Bien reçu." + reply.Body });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var answered = await MailServer.Instance.WaitForMessageAsync(author, "Re: " + subject);
        Assert.EndsWith($"> {Opening}\n>\n> […]\n", answered.TextBody!.ReplaceLineEndings("\n"));
        await AssertStillServesAsync(client, uid);
    }

    [Fact]
    public async Task ReplyAndForward_100000NestedElements_InPractice_QuoteCutWithAMark_AppStillServes()
    {
        using var factory = new WebmailFactory();
        var store = factory.Services.GetRequiredService<PracticeStore>();
        var uid = store.AddMessage(PracticeSeed.Identifier, "INBOX", DeepMessage("helene.dubois@ac-entrainement.fr", "camille.martin@ac-entrainement.fr", Subject), seen: false);
        var client = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        await AssertReplyAndForwardAsync(client, uid);

        await AssertStillServesAsync(client, uid);
    }

    private static MimeMessage DeepMessage(string from, string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, Date = new DateTimeOffset(2024, 3, 12, 9, 30, 0, TimeSpan.FromHours(1)) };
        message.From.Add(new MailboxAddress("Hélène Dubois", from));
        message.To.Add(MailboxAddress.Parse(to));
        var nested = string.Concat(Enumerable.Repeat("<div>", 100_000)) + Bottom + string.Concat(Enumerable.Repeat("</div>", 100_000));
        message.Body = new TextPart("html") { Text = $"<html><body><p>{Opening}</p>{nested}</body></html>" };
        return message;
    }

    /// <summary>Both pages: the compose form, the text before the depth limit quoted, then the cut mark.</summary>
    private static async Task<(HtmlPage Page, string Body)> AssertReplyAndForwardAsync(HttpClient client, uint uid)
    {
        var reply = await OpenAsync(client, $"/courrier/ecrire?dossier=INBOX&repondre={uid}");
        Assert.NotNull(reply.Query("form.compose"));
        var replyBody = ((IHtmlTextAreaElement)reply.Query("#Input_Body")!).Value;
        Assert.EndsWith($" a écrit :\n> {Opening}\n>\n> […]\n", replyBody);
        Assert.DoesNotContain(Bottom, replyBody, StringComparison.Ordinal);

        var forward = await OpenAsync(client, $"/courrier/ecrire?dossier=INBOX&transferer={uid}");
        Assert.NotNull(forward.Query("form.compose"));
        var forwardBody = ((IHtmlTextAreaElement)forward.Query("#Input_Body")!).Value;
        Assert.Contains("-------- Message transféré --------\n", forwardBody, StringComparison.Ordinal);
        Assert.EndsWith($"\n\n{Opening}\n\n[…]\n", forwardBody);

        return (reply, replyBody);
    }

    /// <summary>
    /// The message page (its whole text, read without a tree: at 1.1 MB it comes in pages, so « Afficher la suite » is
    /// followed to the page that holds the text at the bottom), then the inbox.
    /// </summary>
    private static async Task AssertStillServesAsync(HttpClient client, uint uid)
    {
        var url = $"/courrier/message?dossier=INBOX&uid={uid}";
        var message = await HtmlPage.GetAsync(client, url);
        for (var pages = 1; !message.Text(".body.text").Contains(Bottom, StringComparison.Ordinal) && pages < 20; pages++)
        {
            Assert.Equal(HttpStatusCode.OK, message.Status);
            var more = message.QueryAll("nav.more a").Single(a => a.TextContent == "Afficher la suite");
            message = await HtmlPage.GetAsync(client, more.GetAttribute("href")!);
        }
        Assert.Equal(HttpStatusCode.OK, message.Status);
        Assert.Contains(Bottom, message.Text(".body.text"), StringComparison.Ordinal);

        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
    }
}

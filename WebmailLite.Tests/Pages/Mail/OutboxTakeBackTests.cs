using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// « Annuler l'envoi » and « Modifier » for a message waiting in the outbox, against Dovecot and Postfix: a cancelled
/// message never leaves, a modified one leaves once with the new text and its file, and a message whose sending has
/// started is left alone, which the page says. The clock is the test's: a message that failed waits for its next attempt
/// until the test moves time on, so each step sees it « En attente » and nothing else.
/// </summary>
[Collection(MailServerDisruptionCollection.Name)]
[Trait("Category", "MailServer")]
public sealed class OutboxTakeBackTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(2);

    // Retry (±10 % jitter) on the test's clock; the worker itself looks every 250 ms of real time.
    private static WebmailFactory Factory(TestClock clock, string pollInterval = "00:00:00.250") => new(
        WebmailFactory.DovecotSettings(new()
        {
            ["Mail:Outbox:RetryMin"] = "00:02:00",
            ["Mail:Outbox:RetryMax"] = "00:02:00",
            ["Mail:Outbox:PollInterval"] = pollInterval,
        }),
        services: s => s.AddSingleton<TimeProvider>(clock));

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Cancelled_AfterItsConfirmation_NeverLeaves_WhileAnotherWaitingMessageDoes()
    {
        var clock = new TestClock();
        using var factory = Factory(clock);
        var accounts = await MailServer.Instance.CreateAccountsAsync("annule", "annule-dest");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);
        var tag = Tag();
        var (cancelled, kept) = ("Sortie au musée reportée " + tag, "Sortie au musée maintenue " + tag);
        var cancelledValues = new Dictionary<string, string> { ["Input.To"] = recipient.Address, ["Input.Subject"] = cancelled, ["Input.Body"] = "Départ à 8 h." };
        HtmlPage cancelledForm;

        await MailServer.Instance.StopSmtpAsync();
        try
        {
            cancelledForm = await OpenAsync(client);
            Assert.Equal("/courrier/attente", (await PostAsync(cancelledForm, client, cancelledValues)).Headers.Location!.OriginalString);
            var other = await OpenAsync(client);
            Assert.Equal("/courrier/attente", (await PostAsync(other, client, new() { ["Input.To"] = recipient.Address, ["Input.Subject"] = kept })).Headers.Location!.OriginalString);

            var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
            var row = outbox.QueryAll("table.outbox tbody tr").Single(r => r.TextContent.Contains(cancelled));
            Assert.Contains("En attente.", row.TextContent);
            var link = row.QuerySelector("a[href^='/courrier/attente/annuler']")!;
            Assert.Equal($"Annuler l'envoi « {cancelled} »", link.TextContent);

            var confirm = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, confirm.Status);
            Assert.Equal("Annuler l'envoi de ce message ?", confirm.Text("h1"));
            Assert.Equal(["Objet", "Destinataires"], confirm.QueryAll("main dt").Select(d => d.TextContent));
            Assert.Equal([cancelled, recipient.Address], confirm.QueryAll("main dd").Select(d => d.TextContent));
            Assert.Equal("Non, le garder en attente", confirm.Text("main form.actions a"));

            var done = await confirm.SubmitAsync(client, "main form.actions");

            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal("/courrier/attente", done.Headers.Location!.OriginalString);
            var after = await HtmlPage.GetAsync(client, "/courrier/attente");
            Assert.Equal($"L'envoi de « {cancelled} » est annulé : le message est supprimé et ne partira pas.", after.Text(".banner.ok p"));
            Assert.DoesNotContain(cancelled, after.Text("table.outbox"));
            Assert.Contains(kept, after.Text("table.outbox"));
            // Its confirmation page, opened again (the back button): the message is no longer there.
            var gone = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.NotFound, gone.Status);
            Assert.Null(gone.Query("main form"));
        }
        finally
        {
            await MailServer.Instance.StartSmtpAsync();
        }

        // Time for the next attempt: the other waiting message leaves — the worker runs — and the cancelled one does not.
        clock.Advance(Retry * 1.5);
        await MailServer.Instance.WaitForMessageAsync(recipient, kept);
        // Its form posted again (the back button, « Renvoyer le formulaire »): still not sent.
        var again = await PostAsync(cancelledForm, client, cancelledValues);
        Assert.Equal("/courrier/attente", again.Headers.Location!.OriginalString);
        Assert.Equal("Vous aviez retiré ce message de « En attente d'envoi » : il n'a pas été envoyé de nouveau.",
            (await HtmlPage.GetAsync(client, "/courrier/attente")).Text(".banner.ok p"));
        await WaitUntilOutboxEmptyAsync(factory, sender.Identifier);
        clock.Advance(Retry * 1.5);
        await Task.Delay(1500);
        Assert.Equal(0, await CountAsync(recipient, cancelled));
        Assert.Equal(0, await CountAsync(sender, cancelled, "Sent"));
        Assert.Equal(1, await CountAsync(recipient, kept));
    }

    [Fact]
    public async Task Modified_ReopensWithEverything_NeverLeavesInItsOldVersion_ThenLeavesOnceWithTheNewTextAndItsFile()
    {
        var clock = new TestClock();
        using var factory = Factory(clock);
        var store = factory.Services.GetRequiredService<IOutboxStore>();
        var accounts = await MailServer.Instance.CreateAccountsAsync("modifie", "modifie-dest", "modifie-copie");
        var (sender, recipient, copy) = (accounts[0], accounts[1], accounts[2]);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);
        var subject = "Autorisation de sortie " + Tag();
        var file = RandomFile("autorisation.pdf", "application/pdf", 30_000);
        var first = await OpenAsync(client);
        var firstValues = new Dictionary<string, string>
        {
            ["Input.To"] = recipient.Address,
            ["Input.Cc"] = copy.Address,
            ["Input.Subject"] = subject,
            ["Input.Body"] = "Rendez-vous à 8 h devant le collège.",
        };
        HtmlPage form;

        await MailServer.Instance.StopSmtpAsync();
        try
        {
            Assert.Equal("/courrier/attente", (await PostAsync(first, client, firstValues, file)).Headers.Location!.OriginalString);
            var id = Assert.Single(store.ListFor(sender.Identifier)).Id;
            var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
            Assert.Equal($"Modifier « {subject} »", outbox.Text("table.outbox form[action*='handler=TakeBack'] button"));

            var takeBack = await outbox.SubmitAsync(client, "table.outbox form[action*='handler=TakeBack']");

            Assert.Equal(HttpStatusCode.Redirect, takeBack.StatusCode);
            Assert.Equal("/courrier/ecrire?reprendre=" + id, takeBack.Headers.Location!.OriginalString);
            Assert.Equal(OutboxState.TakenBack, store.Find(id)!.State);
            form = await OpenAsync(client, takeBack.Headers.Location!.OriginalString);
            Assert.Equal("Ce message ne partira pas tant que vous ne l'aurez pas envoyé de nouveau : modifiez-le, puis choisissez « Envoyer ».", form.Text(".banner.info p"));
            Assert.Equal(recipient.Address, form.Query("#Input_To")!.GetAttribute("value"));
            Assert.Equal(copy.Address, form.Query("#Input_Cc")!.GetAttribute("value"));
            Assert.Equal(subject, form.Query("#Input_Subject")!.GetAttribute("value"));
            Assert.Equal("Rendez-vous à 8 h devant le collège.", form.Text("#Input_Body"));
            Assert.Equal(["Retirer « autorisation.pdf » (30 Ko)"], form.QueryAll(".atts li label").Select(l => l.TextContent));

            // Meanwhile the outbox says where it is, and how to go back to it.
            var row = (await HtmlPage.GetAsync(client, "/courrier/attente")).Query("table.outbox tbody tr")!;
            Assert.Contains("Mis de côté pour être modifié", row.TextContent);
            Assert.Equal($"Reprendre « {subject} » pour le modifier", row.QuerySelector("a[href^='/courrier/ecrire?reprendre=']")!.TextContent);
            Assert.Null(row.QuerySelector("form"));
        }
        finally
        {
            await MailServer.Instance.StartSmtpAsync();
        }

        // Postfix is back and its attempt is due: taken back, the old version does not leave.
        clock.Advance(Retry * 1.5);
        await Task.Delay(1500);
        Assert.Equal(0, await CountAsync(recipient, subject));

        var sent = await PostAsync(form, client, new() { ["Input.Body"] = "Rendez-vous à 7 h 45 devant le collège, avec l'autorisation signée." });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/courrier", sent.Headers.Location!.OriginalString);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal("Rendez-vous à 7 h 45 devant le collège, avec l'autorisation signée.", delivered.TextBody?.TrimEnd());
        Assert.Equal(copy.Address, Assert.Single(delivered.Cc.Mailboxes).Address);
        Assert.Equal(file.Content, Decode(delivered.Attachments.OfType<MimePart>().Single()));
        await WaitUntilOutboxEmptyAsync(factory, sender.Identifier);

        // The first form, posted again with its old text: it does not leave either.
        var old = await PostAsync(first, client, firstValues);
        Assert.Equal("/courrier/attente", old.Headers.Location!.OriginalString);
        clock.Advance(Retry * 1.5);
        await Task.Delay(1500);
        Assert.Equal(1, await CountAsync(recipient, subject));
        Assert.Equal(1, await CountAsync(copy, subject));
        Assert.Equal(1, await CountAsync(sender, subject, "Sent"));
        Assert.Equal(0, store.CountFor(sender.Identifier));
    }

    /// <summary>
    /// The person loaded the outbox and the confirmation while the message waited; then an attempt took it. « Modifier »
    /// and « Annuler l'envoi » change nothing and say so, the message is intact; and nobody acts on another's message.
    /// </summary>
    [Fact]
    public async Task SendingStarted_ModifyAndCancelChangeNothing_AndSaySo_SomeoneElsesMessageIsNotFound()
    {
        var clock = new TestClock();
        // The worker's first pass, at start, and no other: the attempt below is the test's own.
        using var factory = Factory(clock, pollInterval: "01:00:00");
        var store = factory.Services.GetRequiredService<IOutboxStore>();
        var accounts = await MailServer.Instance.CreateAccountsAsync("commence", "commence-autre");
        var (sender, other) = (accounts[0], accounts[1]);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);
        var otherClient = await factory.SignedInAsync(other.Identifier, other.Password);
        var subject = "Liste des délégués " + Tag();
        var next = clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var mine = OutboxMessages.StoreWaiting(store, sender, MailboxAddress.Parse(other.Address), subject, next);
        var theirs = OutboxMessages.StoreWaiting(store, other, MailboxAddress.Parse(sender.Address), "Cantine " + Tag(), next);

        var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
        var confirm = await HtmlPage.GetAsync(client, "/courrier/attente/annuler?id=" + mine);
        Assert.NotNull(confirm.Query("main form.actions"));
        // An attempt takes it now, between the pages and the person's press.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.NotNull(store.TryLease(mine, "app-other", TimeSpan.FromMinutes(10)));

        var takeBack = await outbox.SubmitAsync(client, "table.outbox form[action*='handler=TakeBack']");

        Assert.Equal("/courrier/attente", takeBack.Headers.Location!.OriginalString);
        var after = await HtmlPage.GetAsync(client, "/courrier/attente");
        var tooLate = $"L'envoi de « {subject} » a déjà commencé : il ne peut plus être annulé ni modifié. Rien n'est perdu : la liste ci-dessous dit où il en est.";
        Assert.Equal(tooLate, after.Text(".banner.warn p"));
        var row = after.Query("table.outbox tbody tr")!;
        Assert.Contains("Envoi en cours. Son envoi a commencé : il ne peut plus être annulé ni modifié.", row.TextContent);
        Assert.Null(row.QuerySelector("form"));
        Assert.Null(row.QuerySelector("a"));

        var cancel = await confirm.SubmitAsync(client, "main form.actions");
        Assert.Equal("/courrier/attente", cancel.Headers.Location!.OriginalString);
        Assert.Equal(tooLate, (await HtmlPage.GetAsync(client, "/courrier/attente")).Text(".banner.warn p"));
        var confirmNow = await HtmlPage.GetAsync(client, "/courrier/attente/annuler?id=" + mine);
        Assert.Equal(HttpStatusCode.OK, confirmNow.Status);
        Assert.Equal("L'envoi a déjà commencé", confirmNow.Text("h1"));
        Assert.Null(confirmNow.Query("main form"));
        Assert.Equal(OutboxState.Sending, store.Find(mine)!.State);
        Assert.NotNull(store.ReadSource(store.Find(mine)!));

        // Someone else's message: not shown, not taken back, not cancelled — with their own valid forms.
        var foreign = await HtmlPage.GetAsync(otherClient, "/courrier/attente/annuler?id=" + mine);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.DoesNotContain(subject, foreign.Html);
        Assert.True(store.Release(mine, "app-other", SendProblem.Unreachable, null, clock.GetUtcNow().UtcDateTime.AddHours(1)));
        var otherOutbox = await HtmlPage.GetAsync(otherClient, "/courrier/attente");
        await otherOutbox.SubmitAsync(otherClient, "table.outbox form[action*='handler=TakeBack']", new Dictionary<string, string> { ["id"] = mine });
        var otherConfirm = await HtmlPage.GetAsync(otherClient, "/courrier/attente/annuler?id=" + theirs);
        var foreignCancel = await otherConfirm.SubmitAsync(otherClient, "main form.actions", new Dictionary<string, string> { ["id"] = mine });
        Assert.Equal(HttpStatusCode.NotFound, foreignCancel.StatusCode);
        Assert.Equal(OutboxState.Waiting, store.Find(mine)!.State);
        Assert.Equal(OutboxState.Waiting, store.Find(theirs)!.State);
    }
}

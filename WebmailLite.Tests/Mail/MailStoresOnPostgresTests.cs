using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Outbox;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// Two instances of the app on one PostgreSQL database (<c>Storage:Provider=PostgreSQL</c>), as behind a load
/// balancer: what one stores, encrypted with the shared key ring, the other finds and reads.
/// </summary>
[Trait("Category", "PostgreSQL")]
public sealed class MailStoresOnPostgresTests : IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    public void Dispose() => _schema.Dispose();

    private WebmailFactory Instance() => new(_schema.AppSettings());

    [Fact]
    public void WhatOneInstanceStores_TheOtherFindsAndReads()
    {
        using var first = Instance();
        using var second = Instance();
        var (outboxA, outboxB) = (first.Services.GetRequiredService<IOutboxStore>(), second.Services.GetRequiredService<IOutboxStore>());
        Assert.IsType<PostgresOutboxStore>(outboxA);
        var message = new MimeMessage { Subject = "Conseil de classe", MessageId = "1@ac-test.fr" };
        message.To.Add(new MailboxAddress("Hélène Dubois", "h@ac-test.fr"));
        message.Body = new TextPart("plain") { Text = "Texte" };

        var item = outboxA.TryAddForm("c.martin", "AbCdEfGhIjKlMnOpQrStUv", message, [1, 2, 3], "app-a", TimeSpan.FromMinutes(2))!;

        Assert.Null(outboxB.TryAddForm("c.martin", "AbCdEfGhIjKlMnOpQrStUv", message, [1, 2, 3], "app-b", TimeSpan.FromMinutes(2)));
        Assert.Equal([1, 2, 3], outboxB.ReadSource(outboxB.Find(item.Id)!));

        var attachmentsA = first.Services.GetRequiredService<IComposeAttachmentStore>();
        Assert.IsType<PostgresComposeAttachmentStore>(attachmentsA);
        var file = attachmentsA.Add("AbCdEfGhIjKlMnOpQrStUv", "c.martin", "a.txt", "text/plain", [4, 5]);
        Assert.Equal([4, 5], second.Services.GetRequiredService<IComposeAttachmentStore>().Read("AbCdEfGhIjKlMnOpQrStUv", "c.martin", file.Id));

        var keptA = first.Services.GetRequiredService<IRescuedComposeStore>();
        Assert.IsType<PostgresRescuedComposeStore>(keptA);
        keptA.Keep("c.martin", new RescuedForm(new Dictionary<string, string> { ["Subject"] = "Sortie" }, [], []));
        Assert.Equal("Sortie", second.Services.GetRequiredService<IRescuedComposeStore>().Newest("C.Martin")!.Value.Form.Field("Subject"));
    }
}

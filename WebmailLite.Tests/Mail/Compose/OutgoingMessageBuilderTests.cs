using System.Text;
using MimeKit;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Tests.Mail.Compose;

public sealed class OutgoingMessageBuilderTests
{
    private static readonly MailboxAddress From = new("", "camille.martin@ac-test.fr");

    private static string Headers(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, buffer);
        var text = Encoding.ASCII.GetString(buffer.ToArray());
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    [Fact]
    public void Build_SubjectWithLineBreaks_StaysOneHeader()
    {
        var message = OutgoingMessageBuilder.Build(
            new OutgoingMessage(From, [new MailboxAddress("", "a@ac-test.fr")], [], [], "Objet\r\nBcc: victime@ac-test.fr\nX-Injected: oui", "Texte", []),
            DateTimeOffset.UnixEpoch);

        var headers = Headers(message);
        Assert.Equal("Objet Bcc: victime@ac-test.fr X-Injected: oui", message.Subject);
        Assert.DoesNotContain("\r\nBcc:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\r\nX-Injected", headers, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_SevenBitClean_Utf8Text_AttachmentsBase64_ThreadingHeaders()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var message = OutgoingMessageBuilder.Build(
            new OutgoingMessage(From, [new MailboxAddress("Hélène", "h@ac-test.fr")], [], [new MailboxAddress("", "cachee@ac-test.fr")],
                "Élèves à suivre", "Première ligne\nDeuxième ligne\u0000 fin", [new OutgoingAttachment("bulletin élève.pdf", "application/pdf; name=x", bytes)],
                "orig@ac-test.fr", ["a@ac-test.fr", "orig@ac-test.fr"]),
            new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.FromHours(1)));

        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        Assert.All(buffer.ToArray(), b => Assert.True(b < 128));
        var reparsed = MimeMessage.Load(new MemoryStream(buffer.ToArray()));
        Assert.Equal("Élèves à suivre", reparsed.Subject);
        Assert.Equal("Première ligne\nDeuxième ligne fin", reparsed.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal("orig@ac-test.fr", reparsed.InReplyTo);
        Assert.Equal(["a@ac-test.fr", "orig@ac-test.fr"], reparsed.References);
        Assert.EndsWith("@ac-test.fr", reparsed.MessageId);
        Assert.Equal("cachee@ac-test.fr", reparsed.Bcc.Mailboxes.Single().Address);
        var part = Assert.Single(reparsed.Attachments.OfType<MimePart>());
        Assert.Equal("bulletin élève.pdf", part.FileName);
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        Assert.Null(part.ContentType.Parameters["name"] is { } n && n != "bulletin élève.pdf" ? n : null);
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        Assert.Equal(bytes, content.ToArray());
    }
}

using System.Text;
using MimeKit;
using WebmailLite.Mail.Rendering;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Rendering;

/// <summary>
/// A long body read page by page gives back the whole body, in order, without gap or overlap, whatever its transfer
/// encoding; and no page is larger than its share.
/// </summary>
public sealed class BodyPagesTests
{
    private const int PageBytes = BodyPages.MinPageBytes;

    private static readonly MessageRenderer Renderer = new(PageBytes);

    public static TheoryData<ContentEncoding> Encodings => [ContentEncoding.Base64, ContentEncoding.QuotedPrintable, ContentEncoding.EightBit];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Text_PagesPutTogether_AreTheText(ContentEncoding encoding)
    {
        var original = LongMessages.Text("a@ac-test.fr", lines: 5_000);
        var text = original.TextBody!;
        ((TextPart)original.Body!).ContentTransferEncoding = encoding;

        var pages = RenderAll(Reload(original));

        Assert.InRange(pages.Count, 5, 30);
        Assert.All(pages, p => Assert.InRange(Encoding.UTF8.GetByteCount(p.TextBody!), 1, PageBytes + 2 * BodyPages.CutSearch));
        Assert.Equal(text.ReplaceLineEndings("\n"), string.Concat(pages.Select(p => p.TextBody)).ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Html_PagesPutTogether_HaveEveryParagraphOnce(ContentEncoding encoding)
    {
        var original = LongMessages.Html("a@ac-test.fr", paragraphs: 5_000);
        ((TextPart)original.Body!).ContentTransferEncoding = encoding;

        var pages = RenderAll(Reload(original));

        Assert.InRange(pages.Count, 5, 30);
        Assert.All(pages, p => Assert.NotNull(p.HtmlBody));
        Assert.Equal(Enumerable.Range(1, 5_000), pages.SelectMany(p => LongMessages.Numbers(p.HtmlBody!)));
    }

    [Fact]
    public void OneLineLongerThanAPage_IsCutBetweenCharacters()
    {
        var text = string.Concat(Enumerable.Repeat("élève à l'œuvre ", 20_000));
        var message = new MimeMessage { Body = new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.EightBit } };

        var pages = RenderAll(Reload(message));

        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.False(p.IsDamaged));
        // MimeKit ends the part's source with a line break.
        Assert.Equal(text, string.Concat(pages.Select(p => p.TextBody)).TrimEnd('\r', '\n'));
    }

    [Fact]
    public void ShortBody_OnePage_AndPageTwoIsPastTheEnd()
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "Bonjour" } };

        var first = Renderer.Render(message, Request(1));
        var second = Renderer.Render(message, Request(2));

        Assert.Equal((1, 1, false, false), (first.BodyPage, first.BodyPageCount, first.HasMore, first.IsPastEnd));
        Assert.True(second.IsPastEnd);
    }

    private static List<RenderedMessage> RenderAll(MimeMessage message)
    {
        var first = Renderer.Render(message, Request(1));
        var pages = new List<RenderedMessage> { first };
        for (var page = 2; page <= first.BodyPageCount; page++)
        {
            pages.Add(Renderer.Render(message, Request(page)));
        }
        Assert.All(pages, p => Assert.Equal(first.BodyPageCount, p.BodyPageCount));
        Assert.True(Renderer.Render(message, Request(first.BodyPageCount + 1)).IsPastEnd);
        return pages;
    }

    // As the message comes from the server: parsed from its bytes, so the part holds its encoded source.
    private static MimeMessage Reload(MimeMessage message)
    {
        var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    private static RenderRequest Request(int page) => new("INBOX", 1, false, index => $"/p/{index}", page);
}

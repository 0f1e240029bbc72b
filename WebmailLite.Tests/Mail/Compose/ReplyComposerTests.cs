using MimeKit;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Tests.Mail.Compose;

public sealed class ReplyComposerTests
{
    [Theory]
    [InlineData("Conseil de classe", "Re: Conseil de classe")]
    [InlineData("Re: Conseil de classe", "Re: Conseil de classe")]
    [InlineData("RE : Conseil", "RE : Conseil")]
    [InlineData("Objet\r\navec saut", "Re: Objet avec saut")]
    public void ReplySubject_PrefixedOnce(string subject, string expected) => Assert.Equal(expected, ReplyComposer.ReplySubject(subject));

    [Fact]
    public void QuoteForReply_AttributionThenQuotedLines()
    {
        var text = ReplyComposer.QuoteForReply("Le mardi 12 mars 2024 à 09:30, Hélène Dubois <h@ac-test.fr> a écrit :", "Bonjour,\n\n> déjà cité\nFin");

        Assert.Equal("\n\nLe mardi 12 mars 2024 à 09:30, Hélène Dubois <h@ac-test.fr> a écrit :\n> Bonjour,\n>\n>> déjà cité\n> Fin\n", text);
    }

    [Fact]
    public void ReplyRecipients_ReplyToWins_AllAddsOthers_WithoutSelfOrDuplicates()
    {
        var original = new MimeMessage();
        original.From.Add(new MailboxAddress("Hélène", "h@ac-test.fr"));
        original.ReplyTo.Add(new MailboxAddress("Secrétariat", "secretariat@ac-test.fr"));
        original.To.Add(new MailboxAddress("Moi", "MOI@ac-test.fr"));
        original.To.Add(new MailboxAddress("", "secretariat@ac-test.fr"));
        original.To.Add(new MailboxAddress("", "karim@ac-test.fr"));
        original.Cc.Add(new MailboxAddress("", "loic@ac-test.fr"));
        var self = new MailboxAddress("", "moi@ac-test.fr");

        var (to, cc) = ReplyComposer.ReplyRecipients(original, self, all: false);
        var (allTo, allCc) = ReplyComposer.ReplyRecipients(original, self, all: true);

        Assert.Equal(["secretariat@ac-test.fr"], to.Select(m => m.Address));
        Assert.Empty(cc);
        Assert.Equal(["secretariat@ac-test.fr", "karim@ac-test.fr"], allTo.Select(m => m.Address));
        Assert.Equal(["loic@ac-test.fr"], allCc.Select(m => m.Address));
    }

    [Fact]
    public void Threading_ReferencesEndWithTheOriginal()
    {
        var original = new MimeMessage { MessageId = "c@ac-test.fr" };
        original.References.Add("a@ac-test.fr");
        original.References.Add("b@ac-test.fr");

        var (inReplyTo, references) = ReplyComposer.Threading(original);

        Assert.Equal("c@ac-test.fr", inReplyTo);
        Assert.Equal(["a@ac-test.fr", "b@ac-test.fr", "c@ac-test.fr"], references);
    }

    [Fact]
    public void OriginalText_OfHtmlOnlyMail_IsItsReadableText()
    {
        var original = new MimeMessage { Body = new TextPart("html") { Text = "<html><head><style>p{}</style><script>x()</script></head><body><p>Bonjour,</p><p>La sortie au <a href=\"https://www.musee-orsay.fr/\">musée</a> a lieu jeudi.<br>Départ 8 h.</p><ul><li>5e A</li><li>5e C</li></ul></body></html>" } };

        Assert.Equal("Bonjour,\n\nLa sortie au musée <https://www.musee-orsay.fr/> a lieu jeudi.\nDépart 8 h.\n\n- 5e A\n- 5e C", ReplyComposer.OriginalText(original));
    }
}

using System.Text;
using MimeKit;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Mail.Compose;

/// <summary>How a reply or a forward starts: recipients, subject, quoted text, threading headers.</summary>
public static class ReplyComposer
{
    /// <summary>« Re: » once, however many times the subject was already answered (« RE: », « Réf. : »…).</summary>
    public static string ReplySubject(string? subject)
    {
        var clean = HeaderText.Clean(subject);
        return HasPrefix(clean, "re:", "re :", "réf:", "réf :", "ref:", "aw:", "sv:") ? clean : "Re: " + clean;
    }

    /// <summary>The forward prefix (« Tr: » in French, « Fwd: » in English), once.</summary>
    public static string ForwardSubject(string? subject, string prefix)
    {
        var clean = HeaderText.Clean(subject);
        return HasPrefix(clean, prefix.ToLowerInvariant(), "tr:", "tr :", "fwd:", "fw:", "wg:") ? clean : prefix + " " + clean;
    }

    /// <summary>
    /// To (and Cc for « répondre à tous ») of a reply: the Reply-To, or else the sender; for all, also every other
    /// recipient. The person's own address is never among them, and no address appears twice.
    /// </summary>
    public static (IReadOnlyList<MailboxAddress> To, IReadOnlyList<MailboxAddress> Cc) ReplyRecipients(MimeMessage original, MailboxAddress? self, bool all)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (self is not null)
        {
            seen.Add(self.Address);
        }

        var author = original.ReplyTo.Mailboxes.Any() ? original.ReplyTo.Mailboxes : original.From.Mailboxes;
        var to = Distinct(author, seen);
        // Replying to one's own sent message goes to its recipients, as mail clients do.
        if (to.Count == 0)
        {
            to = Distinct(original.To.Mailboxes, seen);
        }
        if (!all)
        {
            return (to, []);
        }
        to.AddRange(Distinct(original.To.Mailboxes, seen));
        return (to, Distinct(original.Cc.Mailboxes, seen));
    }

    /// <summary>The original's Message-Id, and its References followed by that id (RFC 5322 §3.6.4).</summary>
    public static (string? InReplyTo, IReadOnlyList<string> References) Threading(MimeMessage original)
    {
        var id = original.MessageId;
        var references = original.References.ToList();
        if (!string.IsNullOrEmpty(id) && !references.Contains(id))
        {
            references.Add(id);
        }
        // A very long thread keeps its first and its latest ancestors, as RFC 5322 suggests trimming from the middle.
        if (references.Count > 20)
        {
            references = [references[0], .. references.Skip(references.Count - 19)];
        }
        return (string.IsNullOrEmpty(id) ? null : id, references);
    }

    /// <summary>
    /// The text of the message to quote: its plain-text part, or the text of its HTML. HTML past the budget of the
    /// message page is quoted only up to there, then « […] », the mark of a cut in a quotation in French as in English.
    /// </summary>
    public static string OriginalText(MimeMessage original) =>
        (original.TextBody ?? (original.HtmlBody is { } html ? QuotableText(html) : "")).ReplaceLineEndings("\n").TrimEnd('\n');

    private static string QuotableText(string html)
    {
        var text = HtmlToText.Convert(html, HtmlBudget.Mail);
        return text.IsCut ? text.Text + "\n\n[…]" : text.Text;
    }

    /// <summary>« Le …, … a écrit : » then every line prefixed with « > », below two empty lines to write in.</summary>
    public static string QuoteForReply(string attribution, string originalText)
    {
        var quoted = new StringBuilder("\n\n").Append(attribution).Append('\n');
        foreach (var line in originalText.Split('\n'))
        {
            quoted.Append(line.Length == 0 ? ">" : line.StartsWith('>') ? ">" + line : "> " + line).Append('\n');
        }
        return quoted.ToString();
    }

    /// <param name="headerLines">« De : … », « Date : … », « Objet : … », « À : … », already in the person's language.</param>
    public static string QuoteForForward(string separator, IEnumerable<string> headerLines, string originalText)
    {
        var text = new StringBuilder("\n\n").Append(separator).Append('\n');
        foreach (var line in headerLines)
        {
            text.Append(line).Append('\n');
        }
        return text.Append('\n').Append(originalText).Append('\n').ToString();
    }

    /// <summary>How a person is named in an attribution line: « Hélène Dubois &lt;helene.dubois@…&gt; ».</summary>
    public static string Describe(InternetAddressList list)
    {
        var first = list.Mailboxes.FirstOrDefault();
        if (first is null)
        {
            return "";
        }
        return string.IsNullOrWhiteSpace(first.Name) ? first.Address : $"{HeaderText.Clean(first.Name)} <{first.Address}>";
    }

    private static List<MailboxAddress> Distinct(IEnumerable<MailboxAddress> mailboxes, HashSet<string> seen)
    {
        var result = new List<MailboxAddress>();
        foreach (var mailbox in mailboxes)
        {
            if (Recipients.TryParseOne(Recipients.Format(mailbox), out var clean) && seen.Add(clean.Address))
            {
                result.Add(clean);
            }
        }
        return result;
    }

    private static bool HasPrefix(string subject, params string[] prefixes) =>
        prefixes.Any(p => subject.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}

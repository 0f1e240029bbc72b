using System.Text;
using MimeKit;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// A recipient field as people type it: addresses separated by commas or semicolons (Outlook's habit), each with
/// an optional name (« Hélène Dubois &lt;helene.dubois@ac-exemple.fr&gt; »). Each piece is checked by MimeKit on its
/// own, so the person learns which address is wrong, by its text.
/// </summary>
public static class Recipients
{
    // Strict: « jean » (no domain) or « jean@ » is an error here, not a local delivery the server would try.
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    public static ParsedRecipients Parse(string? text)
    {
        var valid = new List<MailboxAddress>();
        var invalid = new List<string>();
        foreach (var piece in Split(text ?? ""))
        {
            if (TryParseOne(piece, out var mailbox))
            {
                // The same address twice in one field is one recipient.
                if (!valid.Any(v => string.Equals(v.Address, mailbox.Address, StringComparison.OrdinalIgnoreCase)))
                {
                    valid.Add(mailbox);
                }
            }
            else
            {
                invalid.Add(piece);
            }
        }
        return new ParsedRecipients(valid, invalid);
    }

    /// <summary>One address, with or without a name. Control characters never get as far as a header.</summary>
    public static bool TryParseOne(string text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        var clean = HeaderText.Clean(text);
        if (clean.Length == 0 || !MailboxAddress.TryParse(Strict, clean, out var parsed) || parsed.Route.Count > 0)
        {
            return false;
        }
        var at = parsed.Address.LastIndexOf('@');
        var domain = at < 0 ? "" : parsed.Address[(at + 1)..];
        // A domain must have a dot: « prenom.nom@ac-versailles » is a typo far more often than an intranet host.
        if (at <= 0 || domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.EndsWith('.') || domain.StartsWith('.'))
        {
            return false;
        }
        mailbox = new MailboxAddress(HeaderText.Clean(parsed.Name ?? ""), parsed.Address);
        return true;
    }

    /// <summary>
    /// The list as people write it in a field: « Hélène Dubois &lt;adresse&gt;, adresse ». A name is quoted only when it
    /// holds a character that would split or end it (« "Dubois, Hélène" &lt;…&gt; »), so <see cref="Parse"/> reads it back.
    /// </summary>
    public static string Format(IEnumerable<MailboxAddress> mailboxes) => string.Join(", ", mailboxes.Select(Format));

    public static string Format(MailboxAddress mailbox)
    {
        var name = HeaderText.Clean(mailbox.Name);
        if (name.Length == 0)
        {
            return mailbox.Address;
        }
        // Letters (accents included), digits, spaces, hyphens and apostrophes need no quotes; anything else gets them.
        var plain = name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '\'' or '_');
        return (plain ? name : "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"") + " <" + mailbox.Address + ">";
    }

    /// <summary>Splits on commas and semicolons outside quotes and angle brackets (« "Dupont, Jean" &lt;j@x.fr&gt; » is one).</summary>
    public static IEnumerable<string> Split(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        var angle = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '<')
            {
                angle = true;
            }
            else if (!quoted && c == '>')
            {
                angle = false;
            }
            else if (!quoted && !angle && c is ',' or ';' or '\r' or '\n')
            {
                // A line break in a pasted list separates addresses too (and is never kept inside one).
                if (current.ToString().Trim() is { Length: > 0 } piece)
                {
                    yield return piece;
                }
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }
}

public sealed record ParsedRecipients(IReadOnlyList<MailboxAddress> Valid, IReadOnlyList<string> Invalid);

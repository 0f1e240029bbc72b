namespace WebmailLite.Contacts;

/// <summary>
/// One entry of a person's « Contacts »: a name, one or more addresses, an optional note. <see cref="Collected"/> says
/// it was added by sending a message rather than typed in (it can be removed like any other).
/// </summary>
public sealed record Contact(string Id, string Name, IReadOnlyList<string> Addresses, string Note, bool Collected)
{
    /// <summary>How the contact reads in a recipient field: « Hélène Dubois &lt;h.dubois@ac-exemple.fr&gt; ».</summary>
    public string RecipientText(string address) =>
        WebmailLite.Mail.Compose.Recipients.Format(new MimeKit.MailboxAddress(Name, address));
}

/// <summary>What a person types for a contact (add, edit, import): addresses already checked and lower-cased.</summary>
public sealed record ContactDraft(string Name, IReadOnlyList<string> Addresses, string Note);

/// <summary>One page of a person's contacts, and how many match in all.</summary>
public sealed record ContactPage(IReadOnlyList<Contact> Items, int Total);

/// <summary>An address a message was just sent to, with the name typed beside it (may be empty).</summary>
public sealed record SentRecipient(string Name, string Address);

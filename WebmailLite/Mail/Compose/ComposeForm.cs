namespace WebmailLite.Mail.Compose;

/// <summary>
/// The fields of a compose form, as typed: what every post carries, what a draft or a kept form is rebuilt into, and
/// what comes back on any error (the compose page binds its <c>Input</c> to a subclass that adds the files).
/// </summary>
public class ComposeForm
{
    /// <summary>Random id of this form: keys its files on the server between posts (<see cref="IComposeAttachmentStore"/>).</summary>
    public string? FormId { get; set; }

    public ComposeMode Mode { get; set; }
    public string? To { get; set; }
    public string? Cc { get; set; }
    public string? Bcc { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }

    /// <summary>Threading headers of a reply, carried by the form as the original gave them.</summary>
    public string? InReplyTo { get; set; }

    public string? References { get; set; }

    /// <summary>The outbox message (refused, or taken back while waiting) this form corrects; removed once this one is sent.</summary>
    public string? ResumeOf { get; set; }

    /// <summary>The UID in Brouillons of the draft this form continues: replaced when saved again, deleted once sent.</summary>
    public uint? DraftUid { get; set; }

    /// <summary>Ids of kept files ticked « retirer ».</summary>
    public List<string> Remove { get; set; } = [];

    /// <summary>The fields by name, for a form kept after its session ended (<see cref="RescuedForm"/>).</summary>
    public IReadOnlyDictionary<string, string> ToFields() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(To)] = To ?? "",
        [nameof(Cc)] = Cc ?? "",
        [nameof(Bcc)] = Bcc ?? "",
        [nameof(Subject)] = Subject ?? "",
        [nameof(Body)] = Body ?? "",
        [nameof(Mode)] = Mode.ToString(),
        [nameof(InReplyTo)] = InReplyTo ?? "",
        [nameof(References)] = References ?? "",
        [nameof(ResumeOf)] = ResumeOf ?? "",
        [nameof(DraftUid)] = DraftUid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        [nameof(FormId)] = FormId ?? "",
    };

    /// <summary>The fields of a kept form back into this one (the files are the caller's business).</summary>
    public void Fill(RescuedForm kept)
    {
        // The same form, so its id too: a kept copy of a form that had already left (posted again, with the back
        // button, after the session ended) must not leave a second time once restored. Older kept forms have none.
        if (IComposeAttachmentStore.IsFormId(kept.Field(nameof(FormId))))
        {
            FormId = kept.Field(nameof(FormId));
        }
        To = kept.Field(nameof(To));
        Cc = kept.Field(nameof(Cc));
        Bcc = kept.Field(nameof(Bcc));
        Subject = kept.Field(nameof(Subject));
        Body = kept.Field(nameof(Body));
        Mode = Enum.TryParse<ComposeMode>(kept.Field(nameof(Mode)), out var mode) && Enum.IsDefined(mode) ? mode : ComposeMode.New;
        InReplyTo = NullIfEmpty(kept.Field(nameof(InReplyTo)));
        References = NullIfEmpty(kept.Field(nameof(References)));
        ResumeOf = NullIfEmpty(kept.Field(nameof(ResumeOf)));
        DraftUid = uint.TryParse(kept.Field(nameof(DraftUid)), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid > 0 ? uid : null;

        static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}

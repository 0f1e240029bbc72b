using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Contacts;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// A post of the compose form: files received and removed within the limits, addresses checked, the message built,
/// then sent through the outbox (sent, waiting, or refused back to the form with the server's reason) or saved to
/// Brouillons, replacing the draft's previous version. On any error the form comes back with everything typed; files
/// already received stay on the server (<see cref="IComposeAttachmentStore"/>), since a browser cannot fill a file
/// input again. A form is sent at most once, keyed by its <see cref="ComposeForm.FormId"/>: posted again (double
/// click, « Renvoyer le formulaire », the back button, several at once) it answers where its message is.
/// </summary>
public sealed class ComposeSubmission(
    IMailbox mailbox,
    IRecipientSuggestions names,
    OutboxSender outbox,
    IOutboxStore outboxStore,
    IComposeAttachmentStore attachments,
    ComposeFormGate gate,
    IOptions<ComposeOptions> options,
    IStringLocalizer<ComposeText> text,
    UiFormat format,
    TimeProvider time,
    ILogger<ComposeSubmission> logger)
{
    private ComposeOptions Limits => options.Value;

    /// <summary>The files of the form as they are on the server now, to list them with a « retirer » box.</summary>
    public IReadOnlyList<StashedAttachment> Attachments(ComposeForm form) =>
        IComposeAttachmentStore.IsFormId(form.FormId) ? attachments.List(form.FormId!, mailbox.Identifier) : [];

    public async Task<ComposeOutcome> SendAsync(ComposeForm form, IReadOnlyList<ComposeUpload> files, CancellationToken cancellationToken)
    {
        if (!IComposeAttachmentStore.IsFormId(form.FormId))
        {
            // Every form this app renders carries an id (ComposePrefill, and each form shown again); without one a
            // second post could not be recognised, so nothing leaves: the form comes back, with an id now (ReadAsync
            // gives it one), everything typed and the files received, to be sent with one more press.
            var (_, _, problems) = await ReadAsync(form, files, requireRecipient: true, cancellationToken);
            return ComposeOutcome.Invalid([.. problems, new ComposeError(null, text["Err_FormWithoutId"])]);
        }

        // A second post of this form waits here until the first is done, then answers from what the first did.
        using var turn = await gate.EnterAsync(Owner.Of(mailbox.Identifier), form.FormId!, cancellationToken);
        if (AlreadyHandedOver(form.FormId!) is { } repeated)
        {
            // Nothing of this post is used (its files are not even received): the form already did its work.
            return repeated;
        }
        var (message, parsed, errors) = await ReadAsync(form, files, requireRecipient: true, cancellationToken);
        if (message is null)
        {
            return ComposeOutcome.Invalid(errors);
        }

        var outcome = await outbox.SendAsync(mailbox, message, form.FormId!);
        if (outcome.Kind == SendOutcomeKind.AlreadyHandedOver)
        {
            // Only another process could have claimed it between the check above and here.
            return AlreadyHandedOver(form.FormId!) ?? ComposeOutcome.Invalid([new ComposeError(null, text["Err_FormWithoutId"])]);
        }
        if (outcome.Kind == SendOutcomeKind.Refused)
        {
            return ComposeOutcome.Invalid(RefusalErrors(outcome, parsed!));
        }

        // Sent or safely in the outbox (which holds the whole message): the form's files are no longer needed.
        attachments.DeleteForm(form.FormId!, mailbox.Identifier);
        if (form.ResumeOf is { Length: > 0 } resumed)
        {
            outboxStore.RemoveTakenBack(resumed, mailbox.Identifier);
        }
        if (form.DraftUid is { } sentDraft)
        {
            // Sent (or safely waiting in the outbox): the draft has done its job.
            await DeleteDraftQuietlyAsync(sentDraft);
        }
        if (outcome.Kind == SendOutcomeKind.Sent)
        {
            var subject = message.Subject ?? "";
            var banner = subject.Length > 0 ? text["Banner_Sent", subject].Value : text["Banner_SentNoSubject"].Value;
            return new ComposeOutcome(
                ComposeOutcomeKind.Sent,
                [],
                outcome.CopiedToSent ? banner : banner + " " + text["Banner_CopyPending"].Value,
                outcome.CopiedToSent ? outcome.SentFolder : null);
        }
        return new ComposeOutcome(ComposeOutcomeKind.Queued, [], text["Banner_Queued", OutboxText.Reason(text, outcome.Problem)].Value);
    }

    /// <summary>Where the message of a form handed over before is, as the answer to posting it again; <c>null</c> if it never was.</summary>
    private ComposeOutcome? AlreadyHandedOver(string formId) => outboxStore.FindForm(mailbox.Identifier, formId) switch
    {
        null => null,
        { Stage: FormStage.InOutbox } => new ComposeOutcome(ComposeOutcomeKind.Queued, [], text["Banner_AlreadyInOutbox"]),
        { Stage: FormStage.Withdrawn } => new ComposeOutcome(ComposeOutcomeKind.Queued, [], text["Banner_AlreadyWithdrawn"]),
        var sent => new ComposeOutcome(ComposeOutcomeKind.Sent, [], text["Banner_AlreadySent"], sent.SentFolder),
    };

    /// <summary>
    /// A post the page refuses before sending (a NUL character in a field): the files are received and kept and the
    /// form checked as for sending, so that the person corrects everything at once and loses nothing.
    /// </summary>
    public async Task<ComposeOutcome> CheckAsync(ComposeForm form, IReadOnlyList<ComposeUpload> files, CancellationToken cancellationToken)
    {
        var (_, _, errors) = await ReadAsync(form, files, requireRecipient: false, cancellationToken);
        return ComposeOutcome.Invalid(errors);
    }

    public async Task<ComposeOutcome> SaveDraftAsync(ComposeForm form, IReadOnlyList<ComposeUpload> files, CancellationToken cancellationToken)
    {
        var (message, _, errors) = await ReadAsync(form, files, requireRecipient: false, cancellationToken);
        if (message is null)
        {
            return ComposeOutcome.Invalid(errors);
        }
        AppendedMessage saved;
        try
        {
            saved = await mailbox.SaveDraftAsync(message, form.DraftUid, cancellationToken);
        }
        catch (MailUnavailableException)
        {
            return ComposeOutcome.Invalid([new ComposeError(null, text["Err_DraftNotSaved"])]);
        }

        if (form.ResumeOf is { Length: > 0 } resumed)
        {
            // The refused or taken-back message lives on as this draft.
            outboxStore.RemoveTakenBack(resumed, mailbox.Identifier);
            form.ResumeOf = null;
        }
        var banner = text["Banner_DraftSaved", format.ShortDate(time.GetUtcNow())].Value;
        if (saved.Uid is not { } uid)
        {
            // No UID from the server (no UIDPLUS): the draft cannot be reopened by it, so this form stays as it is,
            // files included; a later save makes a new draft.
            form.DraftUid = null;
            return new ComposeOutcome(ComposeOutcomeKind.DraftSaved, [], banner);
        }
        // The draft holds the files now; the page reopens it from Brouillons (POST → redirect → GET).
        attachments.DeleteForm(form.FormId!, mailbox.Identifier);
        return new ComposeOutcome(ComposeOutcomeKind.DraftSaved, [], banner, DraftUid: uid);
    }

    /// <summary>
    /// Everything a post of the form carries, checked: ticked files removed, new files received (within the limits),
    /// addresses parsed, the message built. No message, and errors, when something must be corrected.
    /// </summary>
    private async Task<(MimeMessage? Message, ComposeAddresses? Addresses, List<ComposeError> Errors)> ReadAsync(
        ComposeForm form, IReadOnlyList<ComposeUpload> files, bool requireRecipient, CancellationToken cancellationToken)
    {
        var errors = new List<ComposeError>();
        var identifier = mailbox.Identifier;
        if (!IComposeAttachmentStore.IsFormId(form.FormId))
        {
            form.FormId = IComposeAttachmentStore.NewFormId();
        }
        var formId = form.FormId!;
        attachments.Remove(formId, identifier, form.Remove);
        form.Remove = [];
        await ReceiveFilesAsync(formId, files, errors, cancellationToken);

        var named = new HashSet<string>(StringComparer.Ordinal);
        form.To = await ResolveNamesAsync(form.To, ComposeField.To, text["Field_To"], errors, named, cancellationToken);
        form.Cc = await ResolveNamesAsync(form.Cc, ComposeField.Cc, text["Field_Cc"], errors, named, cancellationToken);
        form.Bcc = await ResolveNamesAsync(form.Bcc, ComposeField.Bcc, text["Field_Bcc"], errors, named, cancellationToken);
        var addresses = new ComposeAddresses(Recipients.Parse(form.To), Recipients.Parse(form.Cc), Recipients.Parse(form.Bcc));
        AddAddressErrors(errors, ComposeField.To, text["Field_To"], addresses.To, named);
        AddAddressErrors(errors, ComposeField.Cc, text["Field_Cc"], addresses.Cc, named);
        AddAddressErrors(errors, ComposeField.Bcc, text["Field_Bcc"], addresses.Bcc, named);
        var count = addresses.To.Valid.Count + addresses.Cc.Valid.Count + addresses.Bcc.Valid.Count;
        // A draft may have no recipient yet; an invalid address still stops it, since a draft cannot hold it and
        // dropping it would lose what was typed (the form comes back with it and the error instead).
        if (requireRecipient && count == 0 && addresses.To.Invalid.Count + addresses.Cc.Invalid.Count + addresses.Bcc.Invalid.Count == 0)
        {
            errors.Add(new ComposeError(ComposeField.To, text["Err_NoRecipient"]));
        }
        else if (requireRecipient && count > Limits.MaxRecipients)
        {
            errors.Add(new ComposeError(ComposeField.To, text["Err_TooManyRecipients", Limits.MaxRecipients, count]));
        }

        var stashed = attachments.List(formId, identifier);
        var total = stashed.Sum(a => a.Size);
        if (total > Limits.MaxTotalAttachmentBytes && !errors.Any(e => e.Field == ComposeField.Files))
        {
            errors.Add(new ComposeError(ComposeField.Files, text["Err_TotalOver", format.Size(total), format.Size(Limits.MaxTotalAttachmentBytes)]));
        }
        if (mailbox.SenderAddress is not { } sender)
        {
            errors.Add(new ComposeError(null, text["Err_NoSender"]));
            return (null, null, errors);
        }
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var outgoing = new List<OutgoingAttachment>(stashed.Count);
        foreach (var attachment in stashed)
        {
            var content = attachments.Read(formId, identifier, attachment.Id);
            if (content is null)
            {
                attachments.Remove(formId, identifier, [attachment.Id]);
                errors.Add(new ComposeError(ComposeField.Files, text["Err_AttachmentLost", attachment.FileName]));
                continue;
            }
            outgoing.Add(new OutgoingAttachment(attachment.FileName, attachment.ContentType, content));
        }
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var (inReplyTo, references) = ThreadingFromForm(form);
        var message = OutgoingMessageBuilder.Build(
            new OutgoingMessage(sender, addresses.To.Valid, addresses.Cc.Valid, addresses.Bcc.Valid, form.Subject ?? "", form.Body ?? "", outgoing, inReplyTo, references),
            format.Local(time.GetUtcNow()));
        return (message, addresses, errors);
    }

    private async Task ReceiveFilesAsync(string formId, IReadOnlyList<ComposeUpload> files, List<ComposeError> errors, CancellationToken cancellationToken)
    {
        var identifier = mailbox.Identifier;
        var total = attachments.List(formId, identifier).Sum(a => a.Size);
        foreach (var file in files.Where(f => !f.IsEmptyInput))
        {
            var name = AttachmentNames.Clean(file.FileName, text["Forward_AttachmentName"]);
            if (file.Length > Limits.MaxAttachmentBytes)
            {
                errors.Add(new ComposeError(ComposeField.Files, text["Err_FileTooLarge", name, format.Size(file.Length), format.Size(Limits.MaxAttachmentBytes)]));
                continue;
            }
            if (total + file.Length > Limits.MaxTotalAttachmentBytes)
            {
                errors.Add(new ComposeError(ComposeField.Files, text["Err_TotalTooLarge", name, format.Size(file.Length), format.Size(Limits.MaxTotalAttachmentBytes)]));
                continue;
            }
            attachments.Add(formId, identifier, name, file.MediaType, await file.ReadAsync(cancellationToken));
            total += file.Length;
        }
    }

    /// <summary>
    /// A name typed instead of an address (« helene dup »), found among the person's contacts and the académie's
    /// directory, the way suggestions find it as one types, so that it works without JavaScript too. One person: the
    /// field gets « Hélène Dupont &lt;adresse&gt; » and the form comes back to be checked, never sent to someone the
    /// person did not see. Several: they are listed to choose from. None: the usual « not an address » error.
    /// </summary>
    private async Task<string?> ResolveNamesAsync(string? field, ComposeField which, string label, List<ComposeError> errors, HashSet<string> named, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return field;
        }
        var pieces = Recipients.Split(field).ToList();
        var changed = false;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.Contains('@', StringComparison.Ordinal) || piece.Length < MinNameLength || Recipients.TryParseOne(piece, out _))
            {
                continue;
            }
            var found = await names.SuggestAsync(mailbox.Identifier, piece, MaxNameChoices + 1, cancellationToken);
            if (found.Count == 0)
            {
                continue;
            }
            named.Add(piece);
            var typed = HeaderText.Clean(piece);
            if (found.Count == 1)
            {
                pieces[i] = found[0].Text;
                changed = true;
                errors.Add(new ComposeError(which, text["Err_NameFound", label, typed, found[0].Text]));
            }
            else
            {
                var choices = string.Join(" ; ", found.Take(MaxNameChoices).Select(s => s.Text));
                errors.Add(new ComposeError(which, found.Count > MaxNameChoices
                    ? text["Err_NameManyMore", label, typed, choices, MaxNameChoices]
                    : text["Err_NameMany", label, typed, found.Count, choices]));
            }
        }
        return changed ? string.Join(", ", pieces) : field;
    }

    /// <summary>Shorter, a name would match half the académie.</summary>
    public const int MinNameLength = 3;

    /// <summary>People listed when a name matches several: more, and the person should type more of it.</summary>
    public const int MaxNameChoices = 5;

    private void AddAddressErrors(List<ComposeError> errors, ComposeField field, string label, ParsedRecipients parsed, HashSet<string> named)
    {
        foreach (var invalid in parsed.Invalid.Where(i => !named.Contains(i)))
        {
            // Quoted as typed (control characters made visible as spaces), so the person recognises it.
            errors.Add(new ComposeError(field, text["Err_InvalidAddress", label, HeaderText.Clean(invalid)]));
        }
    }

    private List<ComposeError> RefusalErrors(SendOutcome outcome, ComposeAddresses addresses)
    {
        var errors = new List<ComposeError>();
        foreach (var refused in outcome.Refused)
        {
            var (field, label) = Contains(addresses.To, refused.Address) ? (ComposeField.To, text["Field_To"].Value)
                : Contains(addresses.Cc, refused.Address) ? (ComposeField.Cc, text["Field_Cc"].Value)
                : (ComposeField.Bcc, text["Field_Bcc"].Value);
            errors.Add(new ComposeError(field, text["Err_RefusedRecipient", label, refused.Address, refused.ServerText]));
        }
        if (outcome.Refused.Count == 0)
        {
            errors.Add(new ComposeError(null, outcome.ServerText is { Length: > 0 } said ? text["Err_Refused", said] : text["Err_RefusedNoText"]));
        }
        return errors;

        static bool Contains(ParsedRecipients list, string address) =>
            list.Valid.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
    }

    private async Task DeleteDraftQuietlyAsync(uint uid)
    {
        try
        {
            await mailbox.DeleteDraftAsync(uid, CancellationToken.None);
        }
        catch (Exception e) when (e is MailUnavailableException or MailCredentialsRejectedException or ObjectDisposedException)
        {
            // The message is sent; a leftover draft is a nuisance, not a loss.
            logger.LogWarning("A sent draft could not be deleted from the drafts folder");
        }
    }

    private static (string? InReplyTo, IReadOnlyList<string> References) ThreadingFromForm(ComposeForm form)
    {
        // Hidden fields can be edited by anyone: only well-formed message ids get through, one header each.
        var inReplyTo = MimeKit.Utils.MimeUtils.EnumerateReferences(form.InReplyTo ?? "").FirstOrDefault();
        var references = MimeKit.Utils.MimeUtils.EnumerateReferences(form.References ?? "").Take(20).ToList();
        return (inReplyTo, references);
    }

    private sealed record ComposeAddresses(ParsedRecipients To, ParsedRecipients Cc, ParsedRecipients Bcc);
}

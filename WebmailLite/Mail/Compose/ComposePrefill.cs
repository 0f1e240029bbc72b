using Microsoft.Extensions.Localization;
using MimeKit;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Outbox;
using WebmailLite.Preferences;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Opens the compose form: empty, as a reply, reply to all or forward of a message (quoted, threaded, its files
/// copied), as a refused or waiting message taken back from the outbox, as a draft of Brouillons, or as the form kept when the
/// person's session ended.
/// </summary>
public sealed class ComposePrefill(
    IMailbox mailbox,
    IOutboxStore outbox,
    IComposeAttachmentStore attachments,
    IRescuedComposeStore kept,
    IPreferencesStore preferences,
    IStringLocalizer<ComposeText> text,
    UiFormat format)
{
    /// <summary>Fills <paramref name="form"/> (a new one, with a new form id) for <paramref name="request"/>.</summary>
    public async Task<ComposeStart> StartAsync(ComposeRequest request, ComposeForm form, CancellationToken cancellationToken)
    {
        form.FormId = IComposeAttachmentStore.NewFormId();
        form.Mode = request.Mode;
        var identifier = mailbox.Identifier;

        if (request.Mode != ComposeMode.New)
        {
            // Peek: answering a message must not change whether it reads as « lu ».
            var original = await mailbox.PeekMessageAsync(request.OriginFolder, request.OriginalUid, cancellationToken);
            if (original is null)
            {
                return new ComposeStart(OriginalMissing: true);
            }
            FillFromOriginal(form, original);
            var chosen = await preferences.GetAsync(identifier, cancellationToken);
            form.Body = SignatureText.AddTo(form.Body ?? "", chosen.Signature, chosen.SignaturePlacement);
            return new ComposeStart();
        }
        if (request.ResumeId is { Length: > 0 } && outbox.FindTakenBack(request.ResumeId, identifier) is { } takenBack
            && outbox.ReadSource(takenBack) is { } source)
        {
            using var stream = new MemoryStream(source, writable: false);
            FillFromMessage(form, MimeMessage.Load(stream));
            form.ResumeOf = takenBack.Id;
            return new ComposeStart(Resumed: takenBack.State == OutboxState.Refused, TakenBack: takenBack.State == OutboxState.TakenBack);
        }
        if (request.DraftUid is { } draftUid)
        {
            var draft = await mailbox.PeekDraftAsync(draftUid, cancellationToken);
            if (draft is null)
            {
                return new ComposeStart(DraftMissing: true);
            }
            FillFromMessage(form, draft);
            form.DraftUid = draftUid;
            return new ComposeStart();
        }
        if (request.OpenKept && kept.Newest(identifier) is { } newest)
        {
            form.Fill(newest.Form);
            foreach (var file in newest.Form.Files)
            {
                attachments.Add(form.FormId!, identifier, file.FileName, file.ContentType, file.Content);
            }
            // Shown: the form on this page holds it now (its files in the compose store), so the kept copy goes.
            kept.Remove(newest.Id, identifier);
            return new ComposeStart(Restored: true, KeptFilesLost: newest.Form.FilesNotKept, MoreKept: kept.CountFor(identifier) > 0);
        }
        // A new message: the only start with nothing written yet, so the only one (with replies and forwards) signed.
        form.Body = SignatureText.ForNew((await preferences.GetAsync(identifier, cancellationToken)).Signature);
        return new ComposeStart();
    }

    private void FillFromOriginal(ComposeForm form, MimeMessage original)
    {
        var originalText = ReplyComposer.OriginalText(original);
        var date = original.Headers.Contains(HeaderId.Date) ? format.LongDate(original.Date) : "";
        if (form.Mode == ComposeMode.Forward)
        {
            form.Subject = ReplyComposer.ForwardSubject(original.Subject, text["Forward_Prefix"]);
            var lines = new List<string> { text["Forward_From", Recipients.Format(original.From.Mailboxes)] };
            if (date.Length > 0)
            {
                lines.Add(text["Forward_Date", date]);
            }
            lines.Add(text["Forward_Subject", HeaderText.Clean(original.Subject)]);
            lines.Add(text["Forward_To", Recipients.Format(original.To.Mailboxes)]);
            if (original.Cc.Mailboxes.Any())
            {
                lines.Add(text["Forward_Cc", Recipients.Format(original.Cc.Mailboxes)]);
            }
            form.Body = ReplyComposer.QuoteForForward(text["Forward_Separator"], lines, originalText);
            CopyAttachments(form, original);
            return;
        }

        var (to, cc) = ReplyComposer.ReplyRecipients(original, mailbox.SenderAddress, all: form.Mode == ComposeMode.ReplyAll);
        form.To = Recipients.Format(to);
        form.Cc = Recipients.Format(cc);
        form.Subject = ReplyComposer.ReplySubject(original.Subject);
        var who = ReplyComposer.Describe(original.From);
        form.Body = ReplyComposer.QuoteForReply(text["Quote_Attribution", date, who], originalText);
        var (inReplyTo, references) = ReplyComposer.Threading(original);
        form.InReplyTo = inReplyTo is null ? null : "<" + inReplyTo + ">";
        form.References = string.Join(" ", references.Select(r => "<" + r + ">"));
    }

    /// <summary>Everything of a message written here before: one taken back from the outbox (refused or waiting), or a draft.</summary>
    private void FillFromMessage(ComposeForm form, MimeMessage message)
    {
        form.To = Recipients.Format(message.To.Mailboxes);
        form.Cc = Recipients.Format(message.Cc.Mailboxes);
        form.Bcc = Recipients.Format(message.Bcc.Mailboxes);
        form.Subject = message.Subject;
        form.Body = (message.TextBody ?? "").ReplaceLineEndings("\n");
        form.InReplyTo = message.InReplyTo is { Length: > 0 } id ? "<" + id + ">" : null;
        form.References = string.Join(" ", message.References.Select(r => "<" + r + ">"));
        CopyAttachments(form, message);
    }

    /// <summary>The files of a forwarded (or taken back) message become the form's own, which the person may remove.</summary>
    private void CopyAttachments(ComposeForm form, MimeMessage message)
    {
        foreach (var entity in message.Attachments)
        {
            using var buffer = new MemoryStream();
            string name;
            string type;
            switch (entity)
            {
                case MessagePart { Message: { } inner }:
                    inner.WriteTo(buffer);
                    name = entity.ContentDisposition?.FileName is { Length: > 0 } given
                        ? AttachmentNames.Clean(given, "message.eml")
                        : AttachmentNames.Clean((inner.Subject is { Length: > 0 } s ? s : "message") + ".eml", "message.eml");
                    type = "message/rfc822";
                    break;
                case MimePart part when part.Content is not null:
                    part.Content.DecodeTo(buffer);
                    name = AttachmentNames.Clean(part.FileName, text["Forward_AttachmentName"]);
                    type = part.ContentType.MimeType;
                    break;
                default:
                    continue;
            }
            attachments.Add(form.FormId!, mailbox.Identifier, name, type, buffer.ToArray());
        }
    }
}

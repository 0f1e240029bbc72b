using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Outbox;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// One page for a new message, a reply, a reply to all and a forward. Everything typed comes back on any error;
/// files already received stay on the server (<see cref="ComposeAttachmentStore"/>) and are listed with a
/// « retirer » box, since a browser cannot fill a file input again. Sending goes through the outbox
/// (<see cref="OutboxSender"/>): sent, waiting, or refused back to this form with the server's reason.
/// « Enregistrer le brouillon » saves the same message to Brouillons (<see cref="IMailboxDrafts"/>), replacing the
/// draft's previous version. A form posted after its session ended is kept for its owner (<see cref="ComposeRescue"/>)
/// and comes back here after they sign in again.
/// </summary>
// Authorization and antiforgery are done here rather than by the /Mail folder's policy and the framework's token
// filter, which would both turn away a form posted just after its session ended, losing its text: ComposeAccess lets
// through a live session, or a POST with a remembered ended session's cookie (and challenges everything else as the
// folder's policy did); OnPageHandlerExecutionAsync then checks the token of every POST, against the live session or,
// for a rescue, against the ended one (see ComposeRescue for why that is safe).
[AllowAnonymous]
[ComposeAccess]
[IgnoreAntiforgeryToken]
public sealed class ComposeModel(
    OutboxSender outbox,
    OutboxStore outboxStore,
    ComposeAttachmentStore attachments,
    ComposeRescue rescue,
    RescuedComposeStore rescuedStore,
    IAntiforgery antiforgery,
    IOptions<ComposeOptions> options,
    IStringLocalizer<ComposeText> text,
    UiFormat format,
    TimeProvider time,
    ILogger<ComposeModel> logger) : PageModel
{
    public const string ToField = "Input_To";
    public const string CcField = "Input_Cc";
    public const string BccField = "Input_Bcc";
    public const string FilesField = "Input_Files";

    /// <summary>TempData keys of the one-shot banner shown where the person lands after sending.</summary>
    public const string BannerKey = "compose.banner";
    public const string BannerLinkKey = "compose.banner.sent";

    /// <summary>TempData key of the one-shot « brouillon enregistré » banner, shown on the compose page itself.</summary>
    public const string DraftBannerKey = "compose.banner.draft";

    /// <summary>Where the sign-in page sends the person after keeping their form: the notice says it will open after signing in.</summary>
    public const string KeptSignInUrl = "/?session=expiree&conserve=1";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [FromQuery(Name = "dossier")]
    public string? OriginFolder { get; set; }

    [FromQuery(Name = "repondre")]
    public uint? ReplyUid { get; set; }

    [FromQuery(Name = "repondre-a-tous")]
    public uint? ReplyAllUid { get; set; }

    [FromQuery(Name = "transferer")]
    public uint? ForwardUid { get; set; }

    /// <summary>A refused message of the outbox, taken back to be corrected.</summary>
    [FromQuery(Name = "reprendre")]
    public string? ResumeId { get; set; }

    /// <summary>A draft of Brouillons, reopened to go on writing it.</summary>
    [FromQuery(Name = "brouillon")]
    public uint? OpenDraftUid { get; set; }

    /// <summary>« conserve=1 »: open the form kept when this person's session ended (after signing in again).</summary>
    [FromQuery(Name = "conserve")]
    public string? OpenKept { get; set; }

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<StashedAttachment> Attachments { get; private set; } = [];

    public MailboxAddress? Sender { get; private set; }

    public bool OriginalMissing { get; private set; }

    public bool Resumed { get; private set; }

    public bool DraftMissing { get; private set; }

    /// <summary>The form is the one kept when the session ended; <see cref="KeptFilesLost"/> names files that were not kept.</summary>
    public bool Restored { get; private set; }

    public IReadOnlyList<string> KeptFilesLost { get; private set; } = [];

    /// <summary>Another kept form waits after this one.</summary>
    public bool MoreKept { get; private set; }

    /// <summary>The banner of a draft saved by this very post (only when the server gave no UID to reopen it by).</summary>
    public string? DraftSavedNow { get; private set; }

    public ComposeOptions Limits => options.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var mailbox = SessionCookie.Current(HttpContext)!.Mailbox;
        Sender = (mailbox as IMailSending)?.SenderAddress;
        Input = new InputModel { FormId = ComposeAttachmentStore.NewFormId() };

        var (mode, uid) = ReplyUid is { } r ? (ComposeMode.Reply, r)
            : ReplyAllUid is { } a ? (ComposeMode.ReplyAll, a)
            : ForwardUid is { } f ? (ComposeMode.Forward, f)
            : (ComposeMode.New, 0u);
        Input.Mode = mode;

        if (mode != ComposeMode.New)
        {
            // Peek: answering a message must not change whether it reads as « lu ».
            var original = await mailbox.PeekMessageAsync(OriginFolder ?? MailUrls.Inbox, uid, cancellationToken);
            if (original is null)
            {
                OriginalMissing = true;
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }
            FillFrom(original, mode, mailbox.Identifier);
        }
        else if (ResumeId is { Length: > 0 } && outboxStore.Find(ResumeId) is { State: OutboxState.Refused } refused
            && refused.Owner == Owner.Of(mailbox.Identifier) && outboxStore.ReadSource(refused) is { } source)
        {
            using var stream = new MemoryStream(source, writable: false);
            FillFromMessage(MimeMessage.Load(stream), mailbox.Identifier);
            Input.ResumeOf = refused.Id;
            Resumed = true;
        }
        else if (OpenDraftUid is { } draftUid)
        {
            var draft = mailbox is IMailboxDrafts drafts ? await drafts.PeekDraftAsync(draftUid, cancellationToken) : null;
            if (draft is null)
            {
                DraftMissing = true;
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }
            FillFromMessage(draft, mailbox.Identifier);
            Input.DraftUid = draftUid;
        }
        else if (OpenKept is { Length: > 0 } && rescuedStore.Newest(mailbox.Identifier) is { } kept)
        {
            FillFromKept(kept.Form, mailbox.Identifier);
            // Shown: the form on this page holds it now (its files in the compose store), so the kept copy goes.
            rescuedStore.Remove(kept.Id, mailbox.Identifier);
            MoreKept = rescuedStore.CountFor(mailbox.Identifier) > 0;
        }

        Attachments = attachments.List(Input.FormId, mailbox.Identifier);
        return Page();
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(Request.Method))
        {
            if (SessionCookie.Current(HttpContext) is null)
            {
                // Only a POST with a remembered ended session's cookie gets here (ComposeAccess).
                context.Result = await KeepAfterSessionEndedAsync(HttpContext.RequestAborted);
                return;
            }
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                // What the framework's own check answers: a cross-site form must not send mail in someone's name.
                context.Result = new BadRequestResult();
                return;
            }
        }
        await next();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var mailbox = SessionCookie.Current(HttpContext)!.Mailbox;
        var savingDraft = Input.Action == ComposeAction.SaveDraft;
        var form = await ReadFormAsync(mailbox, requireRecipient: !savingDraft, cancellationToken);
        if (form is null)
        {
            return Page();
        }
        if (savingDraft)
        {
            return await SaveDraftAsync(mailbox, form.Message, form.FormId, cancellationToken);
        }

        var outcome = await outbox.SendAsync(mailbox, form.Message);
        if (outcome.Kind == SendOutcomeKind.Refused)
        {
            AddRefusalErrors(outcome, form);
            return Page();
        }

        // Sent or safely in the outbox (which holds the whole message): the form's files are no longer needed.
        attachments.DeleteForm(form.FormId, mailbox.Identifier);
        if (Input.ResumeOf is { Length: > 0 } resumed)
        {
            outboxStore.RemoveRefused(resumed, mailbox.Identifier);
        }
        if (Input.DraftUid is { } sentDraft)
        {
            // Sent (or safely waiting in the outbox, which holds the whole message): the draft has done its job.
            await DeleteDraftQuietlyAsync(mailbox, sentDraft);
        }
        var subject = form.Message.Subject ?? "";
        if (outcome.Kind == SendOutcomeKind.Sent)
        {
            var banner = subject.Length > 0 ? text["Banner_Sent", subject].Value : text["Banner_SentNoSubject"].Value;
            TempData[BannerKey] = outcome.CopiedToSent ? banner : banner + " " + text["Banner_CopyPending"].Value;
            TempData[BannerLinkKey] = outcome.CopiedToSent ? outcome.SentFolder : null;
            // Back to the folder the person answered from (the inbox for a new message).
            return LocalRedirect(MailUrls.List(OriginFolder ?? MailUrls.Inbox));
        }
        TempData[BannerKey] = text["Banner_Queued", OutboxText.Reason(text, outcome.Problem)].Value;
        return LocalRedirect(ComposeUrls.Outbox);
    }

    /// <summary>
    /// Everything a post of the form carries, checked: ticked files removed, new files received (within the limits),
    /// addresses parsed, the message built. <c>null</c>, with <see cref="Errors"/> filled and the form ready to be shown
    /// again, when something must be corrected. « Enregistrer le brouillon » is meant to call this too, with
    /// <paramref name="requireRecipient"/> false, and append the result to Drafts.
    /// </summary>
    private async Task<ReadForm?> ReadFormAsync(IMailbox mailbox, bool requireRecipient, CancellationToken cancellationToken)
    {
        Sender = (mailbox as IMailSending)?.SenderAddress;
        var identifier = mailbox.Identifier;
        if (!ComposeAttachmentStore.IsFormId(Input.FormId))
        {
            Input.FormId = ComposeAttachmentStore.NewFormId();
        }
        var formId = Input.FormId!;
        attachments.Remove(formId, identifier, Input.Remove);
        Input.Remove = [];
        await ReceiveFilesAsync(formId, identifier, cancellationToken);

        var to = Recipients.Parse(Input.To);
        var cc = Recipients.Parse(Input.Cc);
        var bcc = Recipients.Parse(Input.Bcc);
        AddAddressErrors(ToField, text["Field_To"], to);
        AddAddressErrors(CcField, text["Field_Cc"], cc);
        AddAddressErrors(BccField, text["Field_Bcc"], bcc);
        var count = to.Valid.Count + cc.Valid.Count + bcc.Valid.Count;
        // A draft may have no recipient yet; an invalid address still stops it, since a draft cannot hold it and
        // dropping it would lose what was typed (the form comes back with it and the error instead).
        if (requireRecipient && count == 0 && to.Invalid.Count + cc.Invalid.Count + bcc.Invalid.Count == 0)
        {
            Errors.Add(ToField, text["Err_NoRecipient"]);
        }
        else if (requireRecipient && count > Limits.MaxRecipients)
        {
            Errors.Add(ToField, text["Err_TooManyRecipients", Limits.MaxRecipients, count]);
        }

        Attachments = attachments.List(formId, identifier);
        var total = Attachments.Sum(a => a.Size);
        if (total > Limits.MaxTotalAttachmentBytes && !Errors.All.Any(e => e.FieldId == FilesField))
        {
            Errors.Add(FilesField, text["Err_TotalOver", format.Size(total), format.Size(Limits.MaxTotalAttachmentBytes)]);
        }
        if (Sender is null)
        {
            Errors.Add(null, text["Err_NoSender"]);
        }
        if (Errors.Any)
        {
            return null;
        }

        var files = new List<OutgoingAttachment>(Attachments.Count);
        foreach (var attachment in Attachments)
        {
            var content = attachments.Read(formId, identifier, attachment.Id);
            if (content is null)
            {
                attachments.Remove(formId, identifier, [attachment.Id]);
                Errors.Add(FilesField, text["Err_AttachmentLost", attachment.FileName]);
                continue;
            }
            files.Add(new OutgoingAttachment(attachment.FileName, attachment.ContentType, content));
        }
        if (Errors.Any)
        {
            Attachments = attachments.List(formId, identifier);
            return null;
        }

        var (inReplyTo, references) = ThreadingFromForm();
        var message = OutgoingMessageBuilder.Build(
            new OutgoingMessage(Sender!, to.Valid, cc.Valid, bcc.Valid, Input.Subject ?? "", Input.Body ?? "", files, inReplyTo, references),
            format.Local(time.GetUtcNow()));
        return new ReadForm(formId, message, to, cc, bcc);
    }

    private async Task<IActionResult> SaveDraftAsync(IMailbox mailbox, MimeMessage message, string formId, CancellationToken cancellationToken)
    {
        var identifier = mailbox.Identifier;
        AppendedMessage saved;
        try
        {
            saved = mailbox is IMailboxDrafts drafts
                ? await drafts.SaveDraftAsync(message, Input.DraftUid, cancellationToken)
                : throw new MailUnavailableException("This mailbox keeps no drafts.");
        }
        catch (MailUnavailableException)
        {
            Errors.Add(null, text["Err_DraftNotSaved"]);
            Attachments = attachments.List(formId, identifier);
            return Page();
        }

        if (Input.ResumeOf is { Length: > 0 } resumed)
        {
            // The refused message taken back lives on as this draft.
            outboxStore.RemoveRefused(resumed, identifier);
            Input.ResumeOf = null;
        }
        var banner = text["Banner_DraftSaved", format.ShortDate(time.GetUtcNow())].Value;
        if (saved.Uid is not { } uid)
        {
            // No UID from the server (no UIDPLUS): the draft cannot be reopened by it, so this form stays as it is,
            // files included; a later save makes a new draft.
            Input.DraftUid = null;
            DraftSavedNow = banner;
            Attachments = attachments.List(formId, identifier);
            return Page();
        }
        // The draft holds the files now; the page reopens it from Brouillons (POST → redirect → GET).
        attachments.DeleteForm(formId, identifier);
        TempData[DraftBannerKey] = banner;
        return LocalRedirect(ComposeUrls.Draft(uid));
    }

    private async Task DeleteDraftQuietlyAsync(IMailbox mailbox, uint uid)
    {
        if (mailbox is not IMailboxDrafts drafts)
        {
            return;
        }
        try
        {
            await drafts.DeleteDraftAsync(uid, CancellationToken.None);
        }
        catch (Exception e) when (e is MailUnavailableException or MailCredentialsRejectedException or ObjectDisposedException)
        {
            // The message is sent; a leftover draft is a nuisance, not a loss.
            logger.LogWarning("A sent draft could not be deleted from the drafts folder");
        }
    }

    /// <summary>The session ended before this post arrived: keep everything for its owner, and send them to sign in.</summary>
    private async Task<IActionResult> KeepAfterSessionEndedAsync(CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(InputModel.To)] = Input.To ?? "",
            [nameof(InputModel.Cc)] = Input.Cc ?? "",
            [nameof(InputModel.Bcc)] = Input.Bcc ?? "",
            [nameof(InputModel.Subject)] = Input.Subject ?? "",
            [nameof(InputModel.Body)] = Input.Body ?? "",
            [nameof(InputModel.Mode)] = Input.Mode.ToString(),
            [nameof(InputModel.InReplyTo)] = Input.InReplyTo ?? "",
            [nameof(InputModel.References)] = Input.References ?? "",
            [nameof(InputModel.ResumeOf)] = Input.ResumeOf ?? "",
            [nameof(InputModel.DraftUid)] = Input.DraftUid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        var kept = await rescue.TryKeepAsync(HttpContext, fields, Input.FormId, Input.Remove, Input.Files, cancellationToken);
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(kept ? Request.PathBase + KeptSignInUrl : SessionAuthenticationHandler.SignInUrl(Request, expired: true));
    }

    private void FillFromKept(RescuedForm kept, string identifier)
    {
        Input.To = kept.Field(nameof(InputModel.To));
        Input.Cc = kept.Field(nameof(InputModel.Cc));
        Input.Bcc = kept.Field(nameof(InputModel.Bcc));
        Input.Subject = kept.Field(nameof(InputModel.Subject));
        Input.Body = kept.Field(nameof(InputModel.Body));
        Input.Mode = Enum.TryParse<ComposeMode>(kept.Field(nameof(InputModel.Mode)), out var mode) && Enum.IsDefined(mode) ? mode : ComposeMode.New;
        Input.InReplyTo = NullIfEmpty(kept.Field(nameof(InputModel.InReplyTo)));
        Input.References = NullIfEmpty(kept.Field(nameof(InputModel.References)));
        Input.ResumeOf = NullIfEmpty(kept.Field(nameof(InputModel.ResumeOf)));
        Input.DraftUid = uint.TryParse(kept.Field(nameof(InputModel.DraftUid)), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid > 0 ? uid : null;
        foreach (var file in kept.Files)
        {
            attachments.Add(Input.FormId!, identifier, file.FileName, file.ContentType, file.Content);
        }
        KeptFilesLost = kept.FilesNotKept;
        Restored = true;

        static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    private async Task ReceiveFilesAsync(string formId, string identifier, CancellationToken cancellationToken)
    {
        var total = attachments.List(formId, identifier).Sum(a => a.Size);
        foreach (var file in Input.Files)
        {
            // An empty file input still posts one nameless, empty part.
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue;
            }
            var name = AttachmentNames.Clean(file.FileName, text["Forward_AttachmentName"]);
            if (file.Length > Limits.MaxAttachmentBytes)
            {
                Errors.Add(FilesField, text["Err_FileTooLarge", name, format.Size(file.Length), format.Size(Limits.MaxAttachmentBytes)]);
                continue;
            }
            if (total + file.Length > Limits.MaxTotalAttachmentBytes)
            {
                Errors.Add(FilesField, text["Err_TotalTooLarge", name, format.Size(file.Length), format.Size(Limits.MaxTotalAttachmentBytes)]);
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            var type = ContentType.TryParse(file.ContentType ?? "", out var parsed) ? parsed.MimeType : "application/octet-stream";
            attachments.Add(formId, identifier, name, type, buffer.ToArray());
            total += file.Length;
        }
        Input.Files = [];
    }

    private void AddAddressErrors(string fieldId, string label, ParsedRecipients parsed)
    {
        foreach (var invalid in parsed.Invalid)
        {
            // Quoted as typed (control characters made visible as spaces), so the person recognises it.
            Errors.Add(fieldId, text["Err_InvalidAddress", label, HeaderText.Clean(invalid)]);
        }
    }

    private void AddRefusalErrors(SendOutcome outcome, ReadForm form)
    {
        foreach (var refused in outcome.Refused)
        {
            var (field, label) = Contains(form.To, refused.Address) ? (ToField, text["Field_To"].Value)
                : Contains(form.Cc, refused.Address) ? (CcField, text["Field_Cc"].Value)
                : (BccField, text["Field_Bcc"].Value);
            Errors.Add(field, text["Err_RefusedRecipient", label, refused.Address, refused.ServerText]);
        }
        if (outcome.Refused.Count == 0)
        {
            Errors.Add(null, outcome.ServerText is { Length: > 0 } said ? text["Err_Refused", said] : text["Err_RefusedNoText"]);
        }

        static bool Contains(ParsedRecipients list, string address) =>
            list.Valid.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
    }

    private (string? InReplyTo, IReadOnlyList<string> References) ThreadingFromForm()
    {
        // Hidden fields can be edited by anyone: only well-formed message ids get through, one header each.
        var inReplyTo = MimeKit.Utils.MimeUtils.EnumerateReferences(Input.InReplyTo ?? "").FirstOrDefault();
        var references = MimeKit.Utils.MimeUtils.EnumerateReferences(Input.References ?? "").Take(20).ToList();
        return (inReplyTo, references);
    }

    private void FillFrom(MimeMessage original, ComposeMode mode, string identifier)
    {
        var originalText = ReplyComposer.OriginalText(original);
        var date = original.Headers.Contains(HeaderId.Date) ? format.LongDate(original.Date) : "";
        if (mode == ComposeMode.Forward)
        {
            Input.Subject = ReplyComposer.ForwardSubject(original.Subject, text["Forward_Prefix"]);
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
            Input.Body = ReplyComposer.QuoteForForward(text["Forward_Separator"], lines, originalText);
            CopyAttachments(original, identifier);
            return;
        }

        var (to, cc) = ReplyComposer.ReplyRecipients(original, Sender, all: mode == ComposeMode.ReplyAll);
        Input.To = Recipients.Format(to);
        Input.Cc = Recipients.Format(cc);
        Input.Subject = ReplyComposer.ReplySubject(original.Subject);
        var who = ReplyComposer.Describe(original.From);
        Input.Body = ReplyComposer.QuoteForReply(text["Quote_Attribution", date, who], originalText);
        var (inReplyTo, references) = ReplyComposer.Threading(original);
        Input.InReplyTo = inReplyTo is null ? null : "<" + inReplyTo + ">";
        Input.References = string.Join(" ", references.Select(r => "<" + r + ">"));
    }

    /// <summary>Everything of a message written here before: a refused one taken back from the outbox, or a draft.</summary>
    private void FillFromMessage(MimeMessage message, string identifier)
    {
        Input.To = Recipients.Format(message.To.Mailboxes);
        Input.Cc = Recipients.Format(message.Cc.Mailboxes);
        Input.Bcc = Recipients.Format(message.Bcc.Mailboxes);
        Input.Subject = message.Subject;
        Input.Body = (message.TextBody ?? "").ReplaceLineEndings("\n");
        Input.InReplyTo = message.InReplyTo is { Length: > 0 } id ? "<" + id + ">" : null;
        Input.References = string.Join(" ", message.References.Select(r => "<" + r + ">"));
        CopyAttachments(message, identifier);
    }

    /// <summary>The files of a forwarded (or taken back) message become the form's own, which the person may remove.</summary>
    private void CopyAttachments(MimeMessage message, string identifier)
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
            attachments.Add(Input.FormId!, identifier, name, type, buffer.ToArray());
        }
    }

    private sealed record ReadForm(string FormId, MimeMessage Message, ParsedRecipients To, ParsedRecipients Cc, ParsedRecipients Bcc);

    public sealed class InputModel
    {
        /// <summary>Random id of this form: keys its files on the server between posts.</summary>
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

        /// <summary>The refused outbox message this form corrects; removed once this one is sent.</summary>
        public string? ResumeOf { get; set; }

        /// <summary>The UID in Brouillons of the draft this form continues: replaced when saved again, deleted once sent.</summary>
        public uint? DraftUid { get; set; }

        /// <summary>Which button was pressed: « Envoyer » (also Enter in a field) or « Enregistrer le brouillon ».</summary>
        public ComposeAction Action { get; set; }

        /// <summary>Ids of kept files ticked « retirer ».</summary>
        public List<string> Remove { get; set; } = [];

        public List<IFormFile> Files { get; set; } = [];
    }
}

public enum ComposeAction
{
    Send,
    SaveDraft,
}

public enum ComposeMode
{
    New,
    Reply,
    ReplyAll,
    Forward,
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Compose;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// One page for a new message, a reply, a reply to all and a forward, a draft, a refused or waiting message taken back from the outbox, and the
/// form kept when the session ended. The workflows live in <see cref="ComposePrefill"/> (opening the form) and
/// <see cref="ComposeSubmission"/> (« Envoyer », « Enregistrer le brouillon »); this page binds the form, calls one of
/// them and renders. A form posted after its session ended is kept for its owner (<see cref="ComposeRescue"/>).
/// </summary>
// Authorization and antiforgery are done here rather than by the /Mail folder's policy and the framework's token
// filter, which would both turn away a form posted just after its session ended, losing its text: ComposeAccess lets
// through a live session, or a POST with a remembered ended session's cookie (and challenges everything else as the
// folder's policy did). Such a post is routed to the Keep handler before anything needs the (gone) mailbox; every
// other POST has its token checked against the live session (see ComposeRescue for why the rescue is safe).
[AllowAnonymous]
[ComposeAccess]
[IgnoreAntiforgeryToken]
public sealed class ComposeModel(
    ComposeRescue rescue,
    IOptions<ComposeOptions> options) : KeptFormPageModel, IFormWithErrors
{
    public const string ToField = "Input_To";
    public const string CcField = "Input_Cc";
    public const string BccField = "Input_Bcc";
    public const string FilesField = "Input_Files";

    /// <summary>How many of the person's usual recipients the page lists for the browser's own suggestions (JS off).</summary>
    public const int DatalistSize = 100;

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

    /// <summary>A waiting message taken back with « Modifier »: it leaves only when this form is sent.</summary>
    public bool TakenBack { get; private set; }

    public bool DraftMissing { get; private set; }

    /// <summary>The form is the one kept when the session ended; <see cref="KeptFilesLost"/> names files that were not kept.</summary>
    public bool Restored { get; private set; }

    public IReadOnlyList<string> KeptFilesLost { get; private set; } = [];

    /// <summary>Another kept form waits after this one.</summary>
    public bool MoreKept { get; private set; }

    /// <summary>The banner of a draft saved by this very post (only when the server gave no UID to reopen it by).</summary>
    public string? DraftSavedNow { get; private set; }

    public ComposeOptions Limits => options.Value;

    public async Task<IActionResult> OnGetAsync([FromServices] IMailbox mailbox, [FromServices] ComposePrefill prefill, [FromServices] ComposeSubmission submission, CancellationToken cancellationToken)
    {
        var (mode, uid) = ReplyUid is { } r ? (ComposeMode.Reply, r)
            : ReplyAllUid is { } a ? (ComposeMode.ReplyAll, a)
            : ForwardUid is { } f ? (ComposeMode.Forward, f)
            : (ComposeMode.New, 0u);
        var start = await prefill.StartAsync(
            new ComposeRequest(mode, OriginFolder ?? MailUrls.Inbox, uid, ResumeId, OpenDraftUid, OpenKept is { Length: > 0 }),
            Input,
            cancellationToken);
        Sender = mailbox.SenderAddress;
        (OriginalMissing, DraftMissing, Resumed, Restored, MoreKept) = (start.OriginalMissing, start.DraftMissing, start.Resumed, start.Restored, start.MoreKept);
        KeptFilesLost = start.KeptFilesLost ?? [];
        TakenBack = start.TakenBack;
        if (OriginalMissing || DraftMissing)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Attachments = submission.Attachments(Input);
        return Page();
    }

    /// <summary>« Envoyer » (also Enter in a field): sent, or waiting in the outbox, or back here with what to correct.</summary>
    public async Task<IActionResult> OnPostSendAsync([FromServices] IMailbox mailbox, [FromServices] ComposeSubmission submission, CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            return ShowAgain(mailbox, submission, await submission.CheckAsync(Input, Input.Uploads(), cancellationToken));
        }
        var outcome = await submission.SendAsync(Input, Input.Uploads(), cancellationToken);
        switch (outcome.Kind)
        {
            case ComposeOutcomeKind.Sent:
                TempData[BannerKey] = outcome.Banner;
                TempData[BannerLinkKey] = outcome.SentFolder;
                // Back to the folder the person answered from (the inbox for a new message).
                return LocalRedirect(MailUrls.List(OriginFolder ?? MailUrls.Inbox));
            case ComposeOutcomeKind.Queued:
                TempData[BannerKey] = outcome.Banner;
                return LocalRedirect(ComposeUrls.Outbox);
            default:
                return ShowAgain(mailbox, submission, outcome);
        }
    }

    /// <summary>« Enregistrer le brouillon »: saved to Brouillons and reopened from there, or back here with what to correct.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync([FromServices] IMailbox mailbox, [FromServices] ComposeSubmission submission, CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            return ShowAgain(mailbox, submission, await submission.CheckAsync(Input, Input.Uploads(), cancellationToken));
        }
        var outcome = await submission.SaveDraftAsync(Input, Input.Uploads(), cancellationToken);
        if (outcome is { Kind: ComposeOutcomeKind.DraftSaved, DraftUid: { } uid })
        {
            TempData[DraftBannerKey] = outcome.Banner;
            return LocalRedirect(ComposeUrls.Draft(uid));
        }
        DraftSavedNow = outcome.Kind == ComposeOutcomeKind.DraftSaved ? outcome.Banner : null;
        return ShowAgain(mailbox, submission, outcome);
    }

    /// <summary>
    /// The session ended before this post arrived (chosen by <see cref="KeptFormPageModel"/>, never by the
    /// query string): keep everything for its owner, and send them to sign in.
    /// </summary>
    public Task<IActionResult> OnPostKeepAsync(CancellationToken cancellationToken) =>
        KeepForOwnerAsync(() => rescue.TryKeepAsync(HttpContext, Input.ToFields(), Input.FormId, Input.Remove, Input.Uploads(), cancellationToken), KeptSignInUrl);

    private PageResult ShowAgain(IMailbox mailbox, ComposeSubmission submission, ComposeOutcome outcome)
    {
        foreach (var error in outcome.Errors)
        {
            Errors.Add(FieldId(error.Field), error.Message);
        }
        Sender = mailbox.SenderAddress;
        Attachments = submission.Attachments(Input);
        Input.Files = [];
        return Page();
    }

    private static string? FieldId(ComposeField? field) => field switch
    {
        ComposeField.To => ToField,
        ComposeField.Cc => CcField,
        ComposeField.Bcc => BccField,
        ComposeField.Files => FilesField,
        _ => null,
    };

    public sealed class InputModel : ComposeForm
    {
        public List<IFormFile> Files { get; set; } = [];

        public IReadOnlyList<ComposeUpload> Uploads() =>
            Files.Select(f => new ComposeUpload(f.FileName, f.ContentType, f.Length, f.OpenReadStream)).ToList();
    }
}

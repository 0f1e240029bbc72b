using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;
using WebmailLite.Pages.Shared;
using WebmailLite.Preferences;

namespace WebmailLite.Pages.Mail;

public sealed class MessageModel(IMailbox mailbox, MessageRenderer renderer, MessageActions actions, PreferencesService preferences) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    [FromQuery(Name = "uid")]
    public uint Uid { get; set; }

    /// <summary>« images=distantes »: the person asked to see this message's remote images.</summary>
    [FromQuery(Name = "images")]
    public string? Images { get; set; }

    public bool ShowRemote => Images == "distantes";

    /// <summary>Search results the message was opened from: the way back, and where its actions return (<see cref="ReturnUrls"/>).</summary>
    [FromQuery(Name = ReturnUrls.Key)]
    public string? ReturnUrl { get; set; }

    /// <summary>The accepted way back to search results, or <c>null</c> (then the folder's list).</summary>
    public string? Back => ReturnUrls.Accept(ReturnUrl);

    /// <summary>« suite=N »: page N of a long body, from 1 (absent: the first).</summary>
    [FromQuery(Name = MailUrls.BodyPageKey)]
    public string? BodyPage { get; set; }

    public RenderedMessage? Message { get; private set; }

    public MailFolder? Folder { get; private set; }

    /// <summary>Every folder, for « Déplacer vers ».</summary>
    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    /// <summary>Whether the message is followed up (« suivi »), for the toolbar's Suivre / Ne plus suivre.</summary>
    public bool Flagged { get; private set; }

    [BindProperty(Name = "action")]
    public string? Action { get; set; }

    [BindProperty(Name = "vers")]
    public string? Destination { get; set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TryParseBodyPage(BodyPage, out var bodyPage))
        {
            return NotFound();
        }
        var mime = await mailbox.ReadMessageAsync(FolderName, Uid, bodyPage, cancellationToken);
        var folders = await mailbox.GetFoldersAsync(cancellationToken);
        Folders = folders;
        Folder = folders.FirstOrDefault(f => f.FullName == FolderName);
        if (mime is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var htmlAsText = (await preferences.GetAsync(mailbox.Identifier, cancellationToken)).HtmlAsText;
        Message = renderer.Render(mime, new RenderRequest(FolderName, Uid, ShowRemote, index => MailUrls.Part(FolderName, Uid, index), bodyPage, htmlAsText));
        if (Message.IsPastEnd)
        {
            // A page past the end of the body (an old link, a hand-typed number) is not a page of this message.
            return NotFound();
        }
        Flagged = (await mailbox.GetSummariesAsync(FolderName, [Uid], cancellationToken)).FirstOrDefault()?.Flagged ?? false;
        if (!Errors.Any)
        {
            Status = StatusBanner.TakeStatus(TempData);
        }
        if (ShowRemote)
        {
            SecurityHeaders.AllowRemoteImages(HttpContext);
        }
        return Page();
    }

    /// <summary>
    /// The message's toolbar. Back to the message when it stays where it is (followed or not); back to its folder — or
    /// to the search results it was opened from — when it left (moved, trash, junk) or was marked unread (opening it
    /// again would mark it read).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MessageActions.TryParse(Action, out var action))
        {
            return BadRequest();
        }
        var folders = await mailbox.GetFoldersAsync(cancellationToken);
        var folder = folders.FirstOrDefault(f => f.FullName == FolderName);
        if (folder is null)
        {
            return NotFound();
        }
        var result = await actions.RunAsync(folder, action, [Uid], Destination, folders, cancellationToken);
        if (result.NeedsConfirmation)
        {
            return Redirect(ListUrls.Erase(folder.FullName, [Uid], 1, MessageSort.Newest, Back));
        }
        if (result.Errors.Any)
        {
            Errors = result.Errors;
            return await OnGetAsync(cancellationToken);
        }
        StatusBanner.Set(TempData, result.Status);
        return Redirect(action is MessageAction.Flag or MessageAction.Unflag or MessageAction.Read
            ? MailUrls.Message(folder.FullName, Uid, back: Back)
            : Back ?? ListUrls.List(folder.FullName));
    }

    /// <summary>Digits only, from 1, at most six of them (a 512 MB body in 64 KB pages): anything else is no page.</summary>
    private static bool TryParseBodyPage(string? value, out int page)
    {
        page = 1;
        if (value is null)
        {
            return true;
        }
        return value.Length is >= 1 and <= 6 && value.All(char.IsAsciiDigit) && value[0] != '0'
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page);
    }

    public ActionBar Bar() => new(
        Folder!,
        Folders.Where(f => f.FullName != FolderName && f.Special != SpecialFolder.Drafts).ToList(),
        SingleMessage: true,
        Flagged,
        Errors.For(MessageActions.DestinationField));
}

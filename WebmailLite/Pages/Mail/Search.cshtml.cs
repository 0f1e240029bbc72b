using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Preferences;

namespace WebmailLite.Pages.Mail;

public sealed class SearchModel(
    IMailbox mailbox,
    PreferencesService preferences,
    MessageActions actions,
    IStringLocalizer<UiText> ui,
    IStringLocalizer<ManageText> text) : PageModel
{
    public const string TextField = "q";

    [FromQuery(Name = "q")]
    public string? Text { get; set; }

    /// <summary>The folder searched, or where the person came from when searching every folder.</summary>
    [FromQuery(Name = "dossier")]
    public string? FolderName { get; set; }

    /// <summary>« tous »: every folder.</summary>
    [FromQuery(Name = "portee")]
    public string? Scope { get; set; }

    /// <summary>« 1 »: search the recipients and the text too (the checkbox of the form; absent means subject and sender).</summary>
    [FromQuery(Name = "texte")]
    public string? InTextToken { get; set; }

    public bool InText => InTextToken == "1";

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "tri")]
    public string? SortToken { get; set; }

    /// <summary>« Tout sélectionner » without JavaScript, as on the list: the results come back with the page ticked.</summary>
    [FromQuery(Name = "tout")]
    public string? SelectAllToken { get; set; }

    public bool SelectAll => SelectAllToken == "1";

    [BindProperty(Name = "action")]
    public string? Action { get; set; }

    [BindProperty(Name = "u")]
    public List<uint> Uids { get; set; } = [];

    [BindProperty(Name = "vers")]
    public string? Destination { get; set; }

    public bool EveryFolder => Scope == "tous";

    public MessageSort Sort => SortTokens.Parse(SortToken);

    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public MailFolder? Folder { get; private set; }

    public SearchResultPage? Results { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Status { get; private set; }

    public IReadOnlySet<uint> Selected { get; private set; } = new HashSet<uint>();

    /// <summary>
    /// Results in one folder can be ticked and acted on like the list. Across folders they cannot: a UID names a message
    /// only within its folder, and the same button means different things per folder (« Supprimer » is « to the trash »
    /// in one, « for good, after a confirmation » in the trash). The page links instead to the same search in each
    /// folder of its results, where they can be ticked (<see cref="ResultFolders"/>).
    /// </summary>
    public bool Selectable => !EveryFolder && Results is { Messages.Count: > 0 };

    /// <summary>The search ended past Mail:Search:BodyTimeout: the page says so and how to narrow it.</summary>
    public bool TooLong { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        if (!await LoadFolderAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!Request.Query.ContainsKey("q"))
        {
            // Arriving without a search yet: the form alone.
            return Page();
        }
        if (SearchTerms.Split(Text).Count == 0)
        {
            // Submitted empty (model binding turns blank into null): the GOV.UK error, not a silent empty page.
            Errors.Add(TextField, text["Err_SearchEmpty"]);
            return Page();
        }
        if (!await SearchAsync(cancellationToken))
        {
            return Page();
        }
        Status = StatusBanner.TakeStatus(TempData);
        Selected = SelectAll ? Results!.Messages.Select(m => m.Message.Uid).ToHashSet() : StatusBanner.TakeSelection(TempData);
        return Page();
    }

    /// <summary>The list's actions on results in one folder: one handler for htmx and for plain forms, as on the list.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        if (!MessageActions.TryParse(Action, out var action) || EveryFolder || SearchTerms.Split(Text).Count == 0)
        {
            return BadRequest();
        }
        if (!await LoadFolderAsync(cancellationToken))
        {
            return NotFound();
        }
        var folder = Folder!;
        var result = await actions.RunAsync(folder, action, Uids, Destination, Folders, cancellationToken);
        if (result.NeedsConfirmation)
        {
            // The confirmation (WCAG 3.3.4) comes back here, to the same results, either way.
            return Redirect(ListUrls.Erase(folder.FullName, Uids, 1, MessageSort.Newest, back: Here(PageNumber)));
        }
        if (!result.Errors.Any && !Request.IsHtmx())
        {
            StatusBanner.Set(TempData, result.Status, result.KeepSelection ? Uids : null);
            return Redirect(Here(PageNumber));
        }
        Errors = result.Errors;
        Selected = result.KeepSelection ? Uids.ToHashSet() : new HashSet<uint>();
        if (!result.Errors.Any)
        {
            Folders = await mailbox.GetFoldersAsync(cancellationToken);
        }
        if (!await SearchAsync(cancellationToken))
        {
            return Page();
        }
        if (Request.IsHtmx())
        {
            var status = result.Errors.Any ? string.Join(" ", result.Errors.All.Select(e => e.Message)) : result.Status;
            return Partial("_ListUpdate", new ListUpdate(View(), status, result.Errors.Any, Folders, folder.FullName, SearchTitle()));
        }
        return Page();
    }

    public MessageListView View()
    {
        var results = Results!;
        var count = results.Total == 1 ? ui["Messages_One"].Value : ui["Messages_Many", results.Total].Value;
        var sort = results.Sort;
        var query = Text!;
        var folder = Folder!.FullName;
        var every = EveryFolder;
        var inText = InText;
        var here = Here(results.Page);
        return new MessageListView(
            text["Search_Caption", count, results.Page, results.PageCount],
            results.Messages,
            results.Page,
            results.PageCount,
            page => ListUrls.Search(query, folder, every, page, sort, inText),
            "",
            sort,
            Selectable,
            Selected,
            ShowFolder: EveryFolder,
            SelectionInvalid: Errors.For(MessageActions.SelectionField) is not null,
            Back: here);
    }

    /// <summary>These results (query, scope, folder, page, order): where their form posts and every action comes back to.</summary>
    public string Here(int page) => ListUrls.Search(Text!, Folder!.FullName, EveryFolder, page, Results?.Sort ?? Sort, InText);

    /// <summary>« Tout sélectionner » and the toolbar, as on the list.</summary>
    public BulkTools Tools()
    {
        var results = Results!;
        var allSelected = results.Messages.Count > 0 && results.Messages.All(m => Selected.Contains(m.Message.Uid));
        var selectAll = ListUrls.Search(Text!, Folder!.FullName, everyFolder: false, results.Page, results.Sort, InText, selectAll: true);
        return new BulkTools(Bar(), selectAll, Here(results.Page), allSelected);
    }

    /// <summary>Across folders: each folder of this page's results, and the same search there (where results can be ticked).</summary>
    public IReadOnlyList<(MailFolder Folder, string Url)> ResultFolders() =>
        Results!.Messages.Select(m => m.Folder).DistinctBy(f => f.FullName)
            .Select(f => (f, ListUrls.Search(Text!, f.FullName, everyFolder: false, inText: InText)))
            .ToList();

    /// <summary>After « trop long »: the same words in the subject and the sender only (always fast).</summary>
    public string HeadersOnlyUrl() => ListUrls.Search(Text!, Folder!.FullName, EveryFolder, sort: Sort);

    /// <summary>« 3 messages correspondent à « conseil » dans « Boîte de réception ». »</summary>
    /// <summary>The page's title, and the one htmx is given after an action (<c>_ListUpdate</c>).</summary>
    public string SearchTitle() =>
        Folder is null ? ui["Folder_NotFound_Title"] : Results is null || Text is null ? text["Search_Title"] : text["Search_TitleFor", Text];

    public string Summary()
    {
        var where = EveryFolder ? text["Search_AllFolders"] : text["Search_ThisFolder", FolderNames.Display(Folder!, ui)];
        var total = Results!.Total;
        return total == 0 ? text["Search_None", Text!, where]
            : total == 1 ? text["Search_Found_One", Text!, where]
            : text["Search_Found_Many", Text!, where, total];
    }

    public ActionBar Bar() => new(
        Folder!,
        Folders.Where(f => f.FullName != Folder!.FullName && f.Special != SpecialFolder.Drafts).ToList(),
        SingleMessage: false,
        DestinationError: Errors.For(MessageActions.DestinationField));

    public (string? Text, MailFolder Folder, bool EveryFolder, bool WithHint, FormError? Error, bool InText) SearchForm() =>
        (Text, Folder!, EveryFolder, true, Errors.For(TextField), InText);

    public (string Action, MessageSort Sort, IReadOnlyDictionary<string, string> Keep) SortForm()
    {
        var keep = new Dictionary<string, string> { ["q"] = Text ?? "" };
        if (InText)
        {
            keep["texte"] = "1";
        }
        if (Folder!.FullName != MailUrls.Inbox)
        {
            keep["dossier"] = Folder.FullName;
        }
        return (PageRoutes.Search, Results!.Sort, keep);
    }

    private async Task<bool> LoadFolderAsync(CancellationToken cancellationToken)
    {
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        Folder = Folders.FirstOrDefault(f => f.FullName == (FolderName ?? MailUrls.Inbox));
        return Folder is not null;
    }

    /// <summary>Runs the search; <c>false</c> when it took too long (then the error is on the form, the words kept in it).</summary>
    private async Task<bool> SearchAsync(CancellationToken cancellationToken)
    {
        var search = new MessageSearch(Text!, EveryFolder ? null : Folder!.FullName, Sort, InText);
        var pageSize = await preferences.PageSizeAsync(mailbox.Identifier, cancellationToken);
        try
        {
            Results = await mailbox.SearchAsync(search, Math.Max(1, PageNumber), pageSize, cancellationToken);
            return true;
        }
        catch (SearchTooLongException)
        {
            TooLong = true;
            Errors.Add(TextField, text[EveryFolder ? "Err_SearchTooLong_All" : "Err_SearchTooLong"]);
            return false;
        }
    }
}

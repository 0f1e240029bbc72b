using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Preferences;

namespace WebmailLite.Pages.Mail;

public sealed class IndexModel(
    IMailbox mailbox,
    PreferencesService preferences,
    MessageActions actions,
    IStringLocalizer<UiText> ui,
    IStringLocalizer<ManageText> text) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string? FolderName { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "tri")]
    public string? SortToken { get; set; }

    /// <summary>« non-lus », « pieces-jointes »: see <see cref="FilterTokens"/>.</summary>
    [FromQuery(Name = "filtre")]
    public string? FilterToken { get; set; }

    /// <summary>« Tout sélectionner » without JavaScript: the page comes back with every box of the page ticked.</summary>
    [FromQuery(Name = "tout")]
    public string? SelectAllToken { get; set; }

    public bool SelectAll => SelectAllToken == "1";

    /// <summary>The button pressed (« lu », « deplacer »…).</summary>
    [BindProperty(Name = "action")]
    public string? Action { get; set; }

    /// <summary>The ticked messages' UIDs.</summary>
    [BindProperty(Name = "u")]
    public List<uint> Uids { get; set; } = [];

    /// <summary>The « Déplacer vers » folder.</summary>
    [BindProperty(Name = "vers")]
    public string? Destination { get; set; }

    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public FilteredListPage? Filtered { get; private set; }

    public SortedListPage? Sorted => Filtered?.Sorted;

    public MessageListPage? List => Sorted?.List;

    public MessageSort Sort => SortTokens.Parse(SortToken);

    public MessageFilter Filter => FilterTokens.Parse(FilterToken);

    public FormErrors Errors { get; private set; } = new();

    public string? Status { get; private set; }

    public IReadOnlySet<uint> Selected { get; private set; } = new HashSet<uint>();

    private string Folder => FolderName ?? MailUrls.Inbox;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        await LoadAsync(cancellationToken);
        if (List is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Status = StatusBanner.TakeStatus(TempData);
        Selected = SelectAll ? List.Messages.Select(m => m.Uid).ToHashSet() : StatusBanner.TakeSelection(TempData);
        return Page();
    }

    /// <summary>
    /// One handler for both paths: without JavaScript it redirects back to this folder, page and order with a banner;
    /// for htmx it answers the updated list (and the live region's sentence) in place.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        if (!MessageActions.TryParse(Action, out var action))
        {
            return BadRequest();
        }
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        var folder = Folders.FirstOrDefault(f => f.FullName == Folder);
        if (folder is null)
        {
            return NotFound();
        }

        var result = await actions.RunAsync(folder, action, Uids, Destination, Folders, cancellationToken);
        if (result.NeedsConfirmation)
        {
            // Deleting for good is confirmed on its own page (WCAG 3.3.4); htmx is told to navigate there.
            return Redirect(ListUrls.Erase(folder.FullName, Uids, PageNumber, Sort));
        }
        if (!result.Errors.Any && !Request.IsHtmx())
        {
            StatusBanner.Set(TempData, result.Status, result.KeepSelection ? Uids : null);
            return Redirect(ListUrls.List(folder.FullName, PageNumber, Sort, Filter));
        }

        Errors = result.Errors;
        Selected = result.KeepSelection ? Uids.ToHashSet() : new HashSet<uint>();
        if (!result.Errors.Any)
        {
            // The counts in the folder list changed with the action.
            Folders = await mailbox.GetFoldersAsync(cancellationToken);
        }
        Filtered = await mailbox.GetMessagesAsync(folder.FullName, Filter, Math.Max(1, PageNumber), await preferences.PageSizeAsync(mailbox.Identifier, cancellationToken), Sort, cancellationToken);
        if (Filtered is null)
        {
            return NotFound();
        }
        if (Request.IsHtmx())
        {
            var status = result.Errors.Any ? string.Join(" ", result.Errors.All.Select(e => e.Message)) : result.Status;
            return Partial("_ListUpdate", new ListUpdate(View(), status, result.Errors.Any, Folders, folder.FullName, ListTitle()));
        }
        // Without JavaScript, errors are shown on the page itself (GOV.UK pattern), with the ticks kept.
        return Page();
    }

    public MessageListView View()
    {
        var list = List!;
        var filter = Filtered!.Filter;
        var name = text[ManageText.FilterCaption(filter), FolderNames.Display(list.Folder, ui)].Value;
        var matching = Filtered.Matching;
        var total = matching == 1 ? ui["Messages_One"].Value : ui["Messages_Many", matching].Value;
        string caption = ui["List_Caption", name, total, list.Page, list.PageCount];
        if (Sorted!.Sort != MessageSort.Newest)
        {
            caption = text["Caption_Sorted", caption, SortName(Sorted.Sort)];
        }
        var folder = list.Folder;
        var sort = Sorted.Sort;
        return new MessageListView(
            caption,
            list.Messages.Select(m => new FoundMessage(folder, m)).ToList(),
            list.Page,
            list.PageCount,
            page => ListUrls.List(folder.FullName, page, sort, filter),
            text[ManageText.FilterEmpty(filter)],
            sort,
            Selectable: true,
            Selected,
            SelectionInvalid: Errors.For(MessageActions.SelectionField) is not null);
    }

    /// <summary>This list (folder, page, order, filter): where its form posts and its actions come back to.</summary>
    /// <summary>The folder's name, and the page when there are several: the page's title, and the one htmx is given
    /// after an action (<c>_ListUpdate</c>), so that both paths title the page alike.</summary>
    public string ListTitle()
    {
        var folderName = FolderNames.Display(List!.Folder, ui);
        return List.PageCount > 1 ? folderName + " – " + ui["Pager_Position", List.Page, List.PageCount] : folderName;
    }

    public string Here() => ListUrls.List(List!.Folder.FullName, List.Page, Sorted!.Sort, Filter);

    public BulkTools Tools()
    {
        var list = List!;
        var bar = new ActionBar(
            list.Folder,
            // Drafts are for mail being written: nothing is moved there.
            Folders.Where(f => f.FullName != list.Folder.FullName && f.Special != SpecialFolder.Drafts).ToList(),
            SingleMessage: false,
            DestinationError: Errors.For(MessageActions.DestinationField));
        var allSelected = list.Messages.Count > 0 && list.Messages.All(m => Selected.Contains(m.Uid));
        return new BulkTools(bar, ListUrls.List(list.Folder.FullName, list.Page, Sorted!.Sort, Filter, selectAll: true), Here(), allSelected);
    }

    public ListFilters Filters()
    {
        var folder = List!.Folder.FullName;
        var sort = Sorted!.Sort;
        return new ListFilters(List.Folder, Filter, filter => ListUrls.List(folder, 1, sort, filter));
    }

    public (string Action, MessageSort Sort, IReadOnlyDictionary<string, string> Keep) SortForm()
    {
        var keep = new Dictionary<string, string>();
        if (List!.Folder.FullName != MailUrls.Inbox)
        {
            keep["dossier"] = List.Folder.FullName;
        }
        if (Filter != MessageFilter.All)
        {
            keep["filtre"] = FilterTokens.Token(Filter);
        }
        return (PageRoutes.Inbox, Sorted!.Sort, keep);
    }

    public (string? Text, MailFolder Folder, bool EveryFolder, bool WithHint, FormError? Error, bool InText) SearchForm() =>
        (null, List!.Folder, false, false, null, false);

    /// <summary>« expéditeur », « objet », « taille »: how the caption and the refusal note name an order.</summary>
    public string SortName(MessageSort sort) => text[ManageText.SortName(sort)];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        Filtered = await mailbox.GetMessagesAsync(Folder, Filter, Math.Max(1, PageNumber), await preferences.PageSizeAsync(mailbox.Identifier, cancellationToken), Sort, cancellationToken);
    }
}

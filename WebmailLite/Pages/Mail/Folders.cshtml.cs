using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

/// <summary>« Gérer les dossiers »: every folder with its count, links to rename or delete the person's own, and a form to create one.</summary>
public sealed class FoldersModel(IMailbox mailbox, IStringLocalizer<ManageText> text) : PageModel, IFormWithErrors
{
    public const string NameField = "Input_Name";
    public const string ParentField = "Input_Parent";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Status { get; private set; }

    /// <summary>Where a new folder can go: the top level or one of the person's own folders.</summary>
    public IEnumerable<MailFolder> Parents => Folders.Where(f => f.Special == SpecialFolder.None);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        Status = StatusBanner.TakeStatus(TempData);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = FolderNameRules.Normalize(Input.Name);
        var parent = string.IsNullOrEmpty(Input.Parent) ? null : Input.Parent;
        if (FolderErrors.ForName(FolderNameRules.Check(name), name, text) is { } problem)
        {
            Errors.Add(NameField, problem);
        }
        else if (!Errors.Any)
        {
            var change = await mailbox.CreateFolderAsync(parent, name, cancellationToken);
            if (change.Status == FolderChangeStatus.Done)
            {
                StatusBanner.Set(TempData, text["Folders_Created", name]);
                return Redirect(ListUrls.Folders);
            }
            Errors.Add(change.Status == FolderChangeStatus.NotFound ? ParentField : NameField,
                change.Status == FolderChangeStatus.NotFound ? text["Err_ParentGone"] : FolderErrors.ForChange(change, name, text));
        }
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        return Page();
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        /// <summary>Full name of the parent folder; empty for the top level.</summary>
        public string? Parent { get; set; }
    }
}

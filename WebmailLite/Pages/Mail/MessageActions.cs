using Microsoft.Extensions.Localization;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

/// <summary>What a person can do to messages from the list, the search results or a message page.</summary>
public enum MessageAction
{
    Read,
    Unread,
    Flag,
    Unflag,
    Move,
    Trash,
    Junk,

    /// <summary>Delete for good: never done here, only after the confirmation page (WCAG 3.3.4).</summary>
    Erase,
}

/// <summary>
/// The outcome of an action: a status sentence for the banner and the live region, or errors for the GOV.UK pattern,
/// or the need to confirm first.
/// </summary>
public sealed record MessageActionResult(string? Status, FormErrors Errors, bool NeedsConfirmation, bool KeepSelection)
{
    public static MessageActionResult Confirm { get; } = new(null, new FormErrors(), true, false);
}

/// <summary>
/// Runs a message action for every page that offers one. The pages keep only what differs between them: where to
/// go back to, and which fragment to render for htmx.
/// </summary>
public sealed class MessageActions(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui)
{
    /// <summary>The id of the first checkbox of a list: where « cochez au moins un message » takes the person.</summary>
    public const string SelectionField = "selection";

    /// <summary>The id of the « Déplacer vers » select.</summary>
    public const string DestinationField = "vers";

    /// <summary>Tokens of the buttons' <c>value</c>, in French as the rest of the URLs and forms.</summary>
    public static string Token(MessageAction action) => action switch
    {
        MessageAction.Read => "lu",
        MessageAction.Unread => "nonlu",
        MessageAction.Flag => "suivre",
        MessageAction.Unflag => "nepassuivre",
        MessageAction.Move => "deplacer",
        MessageAction.Trash => "supprimer",
        MessageAction.Junk => "indesirable",
        _ => "effacer",
    };

    public static bool TryParse(string? token, out MessageAction action)
    {
        foreach (var candidate in Enum.GetValues<MessageAction>())
        {
            if (Token(candidate) == token)
            {
                action = candidate;
                return true;
            }
        }
        action = default;
        return false;
    }

    /// <summary>Deleting from the trash means deleting for good; elsewhere (junk included) it means moving to the trash.</summary>
    public static bool DeletesForGood(MailFolder folder) => folder.Special == SpecialFolder.Trash;

    /// <summary>The folders that « Vider » empties for good at once: the trash and the junk folder.</summary>
    public static bool CanEmpty(MailFolder folder) => folder.Special is SpecialFolder.Trash or SpecialFolder.Junk;

    public async Task<MessageActionResult> RunAsync(
        MailFolder folder,
        MessageAction action,
        IReadOnlyCollection<uint> uids,
        string? destination,
        IReadOnlyList<MailFolder> folders,
        CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var chosen = uids.Where(u => u > 0).Distinct().ToList();
        if (chosen.Count == 0)
        {
            errors.Add(SelectionField, text["Err_NoSelection"]);
        }
        MailFolder? target = null;
        if (action == MessageAction.Move)
        {
            if (string.IsNullOrEmpty(destination))
            {
                errors.Add(DestinationField, text["Err_NoDestination"]);
            }
            else if ((target = folders.FirstOrDefault(f => f.FullName == destination)) is null)
            {
                errors.Add(DestinationField, text["Err_DestinationGone", destination]);
            }
        }
        if (errors.Any)
        {
            return new MessageActionResult(null, errors, false, true);
        }
        if (action == MessageAction.Erase || action == MessageAction.Trash && DeletesForGood(folder))
        {
            return MessageActionResult.Confirm;
        }

        var ct = cancellationToken;
        switch (action)
        {
            case MessageAction.Read or MessageAction.Unread or MessageAction.Flag or MessageAction.Unflag:
            {
                var flag = action is MessageAction.Read or MessageAction.Unread ? MessageFlag.Seen : MessageFlag.Flagged;
                var value = action is MessageAction.Read or MessageAction.Flag;
                var count = await mailbox.SetFlagAsync(folder.FullName, chosen, flag, value, ct) ?? 0;
                var key = action switch
                {
                    MessageAction.Read => "Done_Read",
                    MessageAction.Unread => "Done_Unread",
                    MessageAction.Flag => "Done_Flag",
                    _ => "Done_Unflag",
                };
                return Done(count, key, "", keepSelection: true);
            }
            case MessageAction.Move:
            {
                var outcome = await mailbox.MoveAsync(folder.FullName, chosen, target!.FullName, ct);
                return MoveResult(outcome, "Done_Move", FolderNames.Display(target, ui), target);
            }
            default:
            {
                var special = action == MessageAction.Junk ? SpecialFolder.Junk : SpecialFolder.Trash;
                var outcome = await mailbox.MoveToSpecialAsync(folder.FullName, chosen, special, ct);
                var name = ui[special == SpecialFolder.Junk ? "Folder_Junk" : "Folder_Trash"];
                return MoveResult(outcome, special == SpecialFolder.Junk ? "Done_Junk" : "Done_Trash", name, null);
            }
        }
    }

    /// <summary>« 3 messages supprimés définitivement. »</summary>
    public string Erased(int count) => count == 0 ? text["Done_Nothing"] : count == 1 ? text["Done_Erase_One"] : text["Done_Erase_Many", count];

    private MessageActionResult MoveResult(MoveOutcome outcome, string key, string destinationName, MailFolder? target)
    {
        var errors = new FormErrors();
        switch (outcome.Status)
        {
            case MoveStatus.Done:
                return Done(outcome.Moved, key, destinationName, keepSelection: false);
            case MoveStatus.SameFolder:
                errors.Add(target is null ? null : DestinationField, text["Err_SameFolder", destinationName]);
                break;
            case MoveStatus.DestinationNotFound when target is null:
                errors.Add(null, text["Err_NoSpecial", destinationName]);
                break;
            default:
                errors.Add(DestinationField, text["Err_DestinationGone", destinationName]);
                break;
        }
        return new MessageActionResult(null, errors, false, true);
    }

    private MessageActionResult Done(int count, string key, string destinationName, bool keepSelection)
    {
        var status = count == 0 ? text["Done_Nothing"]
            : count == 1 ? text[key + "_One", count, destinationName]
            : text[key + "_Many", count, destinationName];
        return new MessageActionResult(status, new FormErrors(), false, keepSelection && count > 0);
    }
}

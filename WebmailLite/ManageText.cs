using WebmailLite.Mail;

namespace WebmailLite;

/// <summary>
/// Marker for the text of managing and searching mail: <c>Resources/ManageText.resx</c> (French, the neutral
/// language) and <c>Resources/ManageText.en.resx</c>. Keys built from an enum are built here, and only here, so
/// that <c>ResourceKeysTests</c> checks every value of the enum against both languages with the same format.
/// </summary>
public sealed class ManageText
{
    /// <summary>An order as the sort menu offers it: « date, récents d’abord ».</summary>
    public static string SortOption(MessageSort sort) => "Sort_" + sort;

    /// <summary>
    /// An order as the caption and the refusal note name it: « expéditeur » — a bare noun for the orders that have
    /// one, the menu's wording for the date orders.
    /// </summary>
    public static string SortName(MessageSort sort) => sort is MessageSort.Sender or MessageSort.Subject or MessageSort.Largest
        ? "SortKey_" + sort
        : SortOption(sort);

    /// <summary>A list filter as its link says it: « Non lus seulement ».</summary>
    public static string FilterName(MessageFilter filter) => "Filter_" + filter;

    /// <summary>What an empty filtered list says: « Aucun message non lu dans ce dossier. »</summary>
    public static string FilterEmpty(MessageFilter filter) => "FilterEmpty_" + filter;

    /// <summary>The folder's name in the caption of a filtered list: « Boîte de réception, non lus seulement ».</summary>
    public static string FilterCaption(MessageFilter filter) => "FilterCaption_" + filter;
}

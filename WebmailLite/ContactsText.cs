using WebmailLite.Contacts;

namespace WebmailLite;

/// <summary>
/// Marker for the texts of « Contacts »: <c>Resources/ContactsText.resx</c> (French, the neutral language) and
/// <c>Resources/ContactsText.en.resx</c>. Keys built from an enum are built here, and only here, so that
/// <c>ResourceKeysTests</c> checks every value.
/// </summary>
public sealed class ContactsText
{
    /// <summary>Why a contact was not saved: « Err_AddressTaken », formatted with the problem's arguments.</summary>
    public static string Issue(ContactIssue issue) => "Err_" + issue;

    /// <summary>Why a file was not imported: « Err_Import_NotVCard ».</summary>
    public static string Import(ImportProblem problem) => "Err_Import_" + problem;
}

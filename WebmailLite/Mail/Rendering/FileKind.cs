namespace WebmailLite.Mail.Rendering;

/// <summary>
/// The kinds of file people name in words (« Classeur Excel », « Document PDF »), for the attachments of a message.
/// Each value has a label in the UI text (<see cref="UiText.FileKindName"/>).
/// </summary>
public enum FileKind
{
    /// <summary>Anything else: « Fichier », or « Fichier .XYZ » when the name has an extension.</summary>
    File,
    Pdf,
    Word,
    Excel,
    PowerPoint,
    OpenDocumentText,
    OpenDocumentSpreadsheet,
    OpenDocumentPresentation,
    Zip,
    Text,

    /// <summary>« Image JPEG »: the format is the kind's detail.</summary>
    Image,
    Email,
    Calendar,
}

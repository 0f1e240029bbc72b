using WebmailLite.Mail.Rendering;

namespace WebmailLite.Tests.Mail.Rendering;

/// <summary>The kind of an attachment as people name it, from its declared media type and, failing that, its name.</summary>
public sealed class AttachmentKindTests
{
    /// <summary>Declared media type, file name → kind and detail.</summary>
    public static TheoryData<string?, string?, FileKind, string> Cases => new()
    {
        { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx", FileKind.Excel, "" },
        { "application/vnd.ms-excel", "notes.xls", FileKind.Excel, "" },
        { "application/pdf", "note-de-service.pdf", FileKind.Pdf, "" },
        { "application/msword", "lettre.doc", FileKind.Word, "" },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "projet.docx", FileKind.Word, "" },
        { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "cours.pptx", FileKind.PowerPoint, "" },
        { "application/vnd.oasis.opendocument.text", "cr.odt", FileKind.OpenDocumentText, "" },
        { "application/vnd.oasis.opendocument.spreadsheet", "effectifs.ods", FileKind.OpenDocumentSpreadsheet, "" },
        { "application/vnd.oasis.opendocument.presentation", "diaporama.odp", FileKind.OpenDocumentPresentation, "" },
        { "application/zip", "photos.zip", FileKind.Zip, "" },
        { "application/x-zip-compressed", "photos.zip", FileKind.Zip, "" },
        { "text/plain", "commande.txt", FileKind.Text, "" },
        { "message/rfc822", "Réunion.eml", FileKind.Email, "" },
        { "text/calendar", "invitation.ics", FileKind.Calendar, "" },
        { "image/jpeg", "photo.jpg", FileKind.Image, "JPEG" },
        { "image/png", "chorale.png", FileKind.Image, "PNG" },
        // What some mailers write for JPEG and PNG.
        { "image/jpg", "photo.jpg", FileKind.Image, "JPEG" },
        { "image/pjpeg", "photo.jpg", FileKind.Image, "JPEG" },
        { "image/x-png", "plan.png", FileKind.Image, "PNG" },
        { "image/svg+xml", "logo.svg", FileKind.Image, "SVG" },
        // A format name nobody says is left out, not shown raw.
        { "image/vnd.microsoft.icon", "favicon.ico", FileKind.Image, "" },
        // Any case, with parameters, with spaces: the essence decides.
        { "APPLICATION/PDF", "NOTE.PDF", FileKind.Pdf, "" },
        { "Text/Calendar; charset=utf-8; method=REQUEST", "invite.ics", FileKind.Calendar, "" },
        { " text/plain ; charset=\"iso-8859-1\"", "a.txt", FileKind.Text, "" },
        { "Image/JPEG; name=\"photo.jpg\"", "photo.jpg", FileKind.Image, "JPEG" },
        // The declared type wins over the name: what is served is what was declared.
        { "application/pdf", "scan.jpg", FileKind.Pdf, "" },
        // Declared as nothing useful: the extension decides, in any case.
        { "application/octet-stream", "budget.XLSX", FileKind.Excel, "" },
        { "application/octet-stream", "note.pdf", FileKind.Pdf, "" },
        { "application/octet-stream", "IMG_0042.JPG", FileKind.Image, "JPEG" },
        { "application/octet-stream", "conseil.ics", FileKind.Calendar, "" },
        { "application/octet-stream", "transfert.eml", FileKind.Email, "" },
        { "application/octet-stream", "cours.odp", FileKind.OpenDocumentPresentation, "" },
        { null, "compte-rendu.docx", FileKind.Word, "" },
        { "", "archive.zip", FileKind.Zip, "" },
        { "application/x-inconnu", "lettre.doc", FileKind.Word, "" },
        // Unknown type and extension: « Fichier », with the extension in capitals when there is one.
        { "application/octet-stream", "donnees.xyz", FileKind.File, ".XYZ" },
        { "application/x-inconnu", "export.Sav", FileKind.File, ".SAV" },
        { "text/csv", "absences-4eB.csv", FileKind.File, ".CSV" },
        { "text/html", "compte-rendu réunion.html", FileKind.File, ".HTML" },
        { "application/octet-stream", "piece-jointe-3", FileKind.File, "" },
        { "application/octet-stream", null, FileKind.File, "" },
        { null, null, FileKind.File, "" },
        // An « extension » no one would read as one is not shown.
        { "application/octet-stream", "rapport.version-finale-relue-par-la-direction", FileKind.File, "" },
        { "application/octet-stream", "fichier.", FileKind.File, "" },
        { "application/octet-stream", ".xyz", FileKind.File, ".XYZ" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_MediaTypeThenExtension_GivesTheKindPeopleName(string? mediaType, string? fileName, FileKind kind, string detail)
    {
        Assert.Equal(new AttachmentKind(kind, detail), AttachmentKind.Of(mediaType, fileName));
    }

    [Fact]
    public void EveryKindButTheFallback_IsReachableFromAMediaType()
    {
        // A kind with a label but no way in would be dead text in both resource files.
        var reached = Cases.Select(c => (FileKind)c[2]).ToHashSet();

        Assert.Equal(Enum.GetValues<FileKind>().ToHashSet(), reached);
    }
}

using System.Resources;
using WebmailLite.Mail.Rendering;

[assembly: NeutralResourcesLanguage("fr")]

namespace WebmailLite;

/// <summary>
/// Marker for the UI text resources: <c>Resources/UiText.resx</c> (French, the neutral language) and
/// <c>Resources/UiText.en.resx</c>. Every string a person reads comes from there. Keys built from an enum are built
/// here, and only here, so that <c>ResourceKeysTests</c> checks every value against both languages.
/// </summary>
public sealed class UiText
{
    /// <summary>A kind of file on its own: « Classeur Excel », « Fichier ».</summary>
    public static string FileKindName(FileKind kind) => "FileKind_" + kind;

    /// <summary>A kind of file with its detail as {0}: « Image {0} » (JPEG), « Fichier {0} » (.XYZ).</summary>
    public static string FileKindWithDetail(FileKind kind) => FileKindName(kind) + "_Detail";
}

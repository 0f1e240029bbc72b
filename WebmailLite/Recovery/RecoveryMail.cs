using System.Resources;

namespace WebmailLite.Recovery;

/// <summary>
/// Marker for the texts of the mails recovery sends (<c>Resources/RecoveryMail.resx</c>, French, and
/// <c>.en.resx</c>): each mail carries both, French first, since the recipient's language is not known.
/// </summary>
public sealed class RecoveryMail
{
    public static readonly ResourceManager Texts = new("WebmailLite.Resources.RecoveryMail", typeof(RecoveryMail).Assembly);

    /// <summary>How the password was changed, as « Mot de passe changé » says it (built here so a test checks every method).</summary>
    public static string Method(RecoveryMethod method) => "Method_" + method;
}

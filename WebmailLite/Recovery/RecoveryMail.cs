using System.Resources;

namespace WebmailLite.Recovery;

/// <summary>
/// Marker for the texts of the mails recovery sends (<c>Resources/RecoveryMail.resx</c>, French, and
/// <c>.en.resx</c>): each mail carries both, French first, since the recipient's language is not known.
/// </summary>
public sealed class RecoveryMail
{
    public static readonly ResourceManager Texts = new("WebmailLite.Resources.RecoveryMail", typeof(RecoveryMail).Assembly);
}

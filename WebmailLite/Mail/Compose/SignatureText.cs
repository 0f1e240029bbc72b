using WebmailLite.Preferences;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Where the person's signature goes in a compose form's body when the form opens: after the standard « -- » line
/// (dash, dash, space: RFC 3676 §4.3, which mail readers use to tell or fold a signature), below or above the quoted
/// text as chosen in « Préférences ». Only ever for a form opened afresh — a draft, a message taken back or a form
/// kept at the end of a session already holds the text the person left, signature included.
/// </summary>
public static class SignatureText
{
    /// <summary>The signature separator line, without its line end.</summary>
    public const string Separator = "-- ";

    /// <summary>A new message: two empty lines to write in, then the signature.</summary>
    public static string ForNew(string signature) =>
        signature.Length == 0 ? "" : "\n\n" + Block(signature);

    /// <summary>
    /// A reply or a forward, whose body (from <see cref="ReplyComposer"/>) opens with two empty lines to write in,
    /// then the quoted text.
    /// </summary>
    public static string AddTo(string quotedBody, string signature, SignaturePlacement placement)
    {
        if (signature.Length == 0)
        {
            return quotedBody;
        }
        return placement == SignaturePlacement.AboveQuote
            ? "\n\n" + Block(signature) + "\n" + quotedBody.TrimStart('\n')
            : quotedBody.TrimEnd('\n') + "\n\n" + Block(signature);
    }

    private static string Block(string signature) => Separator + "\n" + signature.ReplaceLineEndings("\n").Trim('\n') + "\n";
}

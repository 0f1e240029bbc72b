using System.Globalization;

namespace WebmailLite.Pages.Mail;

/// <summary>Links to the compose and outbox pages, short and readable like <see cref="MailUrls"/>.</summary>
public static class ComposeUrls
{
    public const string New = PageRoutes.Compose;
    public const string Outbox = PageRoutes.Outbox;

    public static string Reply(string folder, uint uid) => With(folder, "repondre", uid);

    public static string ReplyAll(string folder, uint uid) => With(folder, "repondre-a-tous", uid);

    public static string Forward(string folder, uint uid) => With(folder, "transferer", uid);

    public static string Resume(string outboxId) => New + QueryString.Create("reprendre", outboxId);

    /// <summary>« Annuler l'envoi ? »: the confirmation for a message of the outbox.</summary>
    public static string CancelSend(string outboxId) => PageRoutes.CancelSend + QueryString.Create("id", outboxId);

    /// <summary>A draft of Brouillons, reopened in the compose page.</summary>
    public static string Draft(uint uid) => New + QueryString.Create("brouillon", uid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The form kept when the session ended, opened after signing in again.</summary>
    public const string Kept = New + "?conserve=1";

    private static string With(string folder, string action, uint uid) =>
        New + QueryString.Create("dossier", folder).Add(action, uid.ToString(CultureInfo.InvariantCulture));
}

using System.Globalization;

namespace WebmailLite.Pages.Mail;

/// <summary>Links to the compose and outbox pages, short and readable like <see cref="MailUrls"/>.</summary>
public static class ComposeUrls
{
    public const string New = "/courrier/ecrire";
    public const string Outbox = "/courrier/attente";

    public static string Reply(string folder, uint uid) => With(folder, "repondre", uid);

    public static string ReplyAll(string folder, uint uid) => With(folder, "repondre-a-tous", uid);

    public static string Forward(string folder, uint uid) => With(folder, "transferer", uid);

    public static string Resume(string outboxId) => New + QueryString.Create("reprendre", outboxId);

    private static string With(string folder, string action, uint uid) =>
        New + QueryString.Create("dossier", folder).Add(action, uid.ToString(CultureInfo.InvariantCulture));
}

using MimeKit;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Realistic school mail for the browser tests, with fixed dates in a past year: the list then shows
/// « 12 mars 2024 » whatever the day the tests run, so what the browser sees is deterministic.
/// </summary>
public static class TestMessages
{
    public const string PlainSubject = "Conseil de classe de 4e B : ordre du jour";
    public const string PlainBodyStart = "Bonjour à toutes et à tous,";
    public const string HtmlSubject = "Sortie pédagogique au musée d'Orsay";
    public const string HtmlBodyText = "Merci de rapporter les autorisations signées avant vendredi.";
    public const string ThirdSubject = "Réunion parents-professeurs : créneaux";

    private static readonly DateTimeOffset BaseDate = new(2024, 3, 12, 9, 30, 0, TimeSpan.FromHours(1));

    public static MimeMessage Plain(TestAccount to, int day = 0) => Message(
        to,
        new MailboxAddress("Hélène Dubois", "helene.dubois@ac-test.fr"),
        PlainSubject,
        BaseDate.AddDays(day),
        new TextPart("plain")
        {
            Text = PlainBodyStart + "\n\n" +
                   "Le conseil de classe aura lieu mardi à 17 h 30 en salle 104. Ordre du jour :\n" +
                   "1. Bilan du trimestre (résultats, assiduité) ;\n" +
                   "2. Élèves à suivre ;\n" +
                   "3. Questions diverses.\n\n" +
                   "Le compte rendu sera déposé ici : https://www.ac-test.fr/etablissement/conseils-de-classe/2024/trimestre-2/4e-b/compte-rendu-provisoire.pdf\n\n" +
                   "Bien cordialement,\nHélène Dubois, professeure principale",
        });

    /// <summary>HTML only, with what a sanitizer must remove: a script, an event handler, a remote tracking image.</summary>
    public static MimeMessage HtmlOnly(TestAccount to, int day = 1) => Message(
        to,
        new MailboxAddress("Loïc Garnier", "loic.garnier@ac-test.fr"),
        HtmlSubject,
        BaseDate.AddDays(day),
        new TextPart("html")
        {
            Text = $"""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><script>alert('x')</script></head>
                <body>
                <p>Bonjour,</p>
                <p>La sortie au <a href="https://www.musee-orsay.fr/">musée d'Orsay</a> des classes de 5e aura lieu jeudi.</p>
                <table>
                <tr><th>Classe</th><th>Départ</th><th>Retour</th></tr>
                <tr><td>5e A</td><td>8 h 15</td><td>16 h 30</td></tr>
                <tr><td>5e C</td><td>8 h 45</td><td>17 h 00</td></tr>
                </table>
                <p onclick="steal()">{HtmlBodyText}</p>
                <img src="https://suivi.example.com/pixel.gif?d=loic" alt="" width="1" height="1">
                <p>Loïc Garnier, CPE</p>
                </body></html>
                """,
        });

    public static MimeMessage Third(TestAccount to, int day = 2) => Message(
        to,
        new MailboxAddress("Chloé Petit", "chloe.petit@ac-test.fr"),
        ThirdSubject,
        BaseDate.AddDays(day),
        new TextPart("plain") { Text = "Les créneaux de la réunion sont affichés en salle des professeurs." });

    /// <summary>Many short messages, as a busy inbox has: accents, varied senders, fixed dates.</summary>
    public static IEnumerable<MimeMessage> Many(TestAccount to, int count)
    {
        string[] senders = ["Élodie Fournier", "Mathéo Leroy", "Inès Moreau", "Noël Lefèvre", "Anaïs Girard"];
        string[] topics = ["Devoirs de français", "Absence en cours d'EPS", "Cantine : menus de la semaine", "Réservation du CDI", "Carnet de liaison"];
        for (var i = 0; i < count; i++)
        {
            yield return Message(
                to,
                new MailboxAddress(senders[i % senders.Length], $"expediteur{i % senders.Length}@ac-test.fr"),
                $"{topics[i % topics.Length]} n° {i + 1}",
                BaseDate.AddHours(i),
                new TextPart("plain") { Text = $"Message n° {i + 1} : à lire avant la réunion de jeudi." });
        }
    }

    private static MimeMessage Message(TestAccount to, MailboxAddress from, string subject, DateTimeOffset date, MimeEntity body)
    {
        var message = new MimeMessage([from], [new MailboxAddress(to.Identifier, to.Address)], subject, body)
        {
            Date = date,
        };
        return message;
    }
}

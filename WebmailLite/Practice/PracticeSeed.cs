using System.Globalization;
using System.IO.Compression;
using System.Text;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace WebmailLite.Practice;

/// <summary>
/// The practice mailbox's first-start content: two public practice accounts and the mail of a school year in
/// an académie (the sign-in page shows the identifiers and the password; they are not secrets). The texts are
/// fixed; the dates are relative to the day of seeding so that the mailbox always looks recent.
/// </summary>
public static class PracticeSeed
{
    public const string Identifier = "camille.martin";
    public const string Password = "entrainement";
    public const string SecondIdentifier = "julien.bernard";

    public const string CouncilsFolder = "Conseils de classe";
    public const string TripsFolder = "Sorties scolaires";

    /// <summary>The practice accounts' domain; system mail in practice mode comes from « ne-pas-repondre@ » it.</summary>
    public const string Domain = "ac-entrainement.fr";

    /// <summary>Seeds only a store without any account, so restarts and a second call never duplicate anything.</summary>
    /// <returns><c>true</c> when it seeded.</returns>
    public static bool SeedIfEmpty(PracticeStore store, TimeProvider time)
    {
        if (store.HasAnyAccount())
        {
            return false;
        }
        store.EnsureAccount(Identifier, People.Camille.Name, People.Camille.Address, Password);
        store.EnsureAccount(SecondIdentifier, People.Julien.Name, People.Julien.Address, Password);

        var letters = new Letters(new SeedClock(time.GetUtcNow()));
        letters.WriteCamille();
        letters.WriteJulien();
        // Oldest first: UIDs then follow the dates, as they follow arrival on a real server.
        foreach (var item in letters.Items.OrderBy(i => i.Date))
        {
            if (item.Raw is not null)
            {
                store.AddRawMessage(item.Account, item.Folder, item.Raw, item.Seen, item.Flagged);
            }
            else
            {
                store.AddMessage(item.Account, item.Folder, item.Message!, item.Seen, item.Flagged);
            }
        }
        return true;
    }

    private sealed record Item(string Account, string Folder, DateTimeOffset Date, bool Seen, bool Flagged, MimeMessage? Message, byte[]? Raw);

    private sealed record Person(string Name, string Address)
    {
        public MailboxAddress Mailbox() => new(Name, Address);
    }

    private static class People
    {
        public static readonly Person Camille = new("Camille Martin", "camille.martin@" + Domain);
        public static readonly Person Julien = new("Julien Bernard", "julien.bernard@" + Domain);
        public static readonly Person Principal = new("Sophie Lambert", "sophie.lambert@" + Domain);
        public static readonly Person Cpe = new("Marc Dubois", "marc.dubois@" + Domain);
        public static readonly Person Secretariat = new("Nathalie Roux", "nathalie.roux@" + Domain);
        public static readonly Person Karim = new("Karim Benali", "karim.benali@" + Domain);
        public static readonly Person Elodie = new("Élodie Fournier", "elodie.fournier@" + Domain);
        public static readonly Person Thomas = new("Thomas Girard", "thomas.girard@" + Domain);
        public static readonly Person Inspector = new("Isabelle Moreau", "isabelle.moreau@" + Domain);
        public static readonly Person Bursar = new("Pierre Lefebvre", "pierre.lefebvre@" + Domain);
        public static readonly Person Teachers = new("Personnels enseignants du second degré", "enseignants-second-degre@" + Domain);
        public static readonly Person Staff = new("Personnels du collège Jean-Moulin", "personnels.jean-moulin@" + Domain);
        public static readonly Person EntSupport = new("Assistance ENT", "assistance-ent@" + Domain);
        public static readonly Person MailSupport = new("Assistance de la messagerie", "assistance-messagerie@" + Domain);
        public static readonly Person Digital = new("Délégation académique au numérique", "dane@" + Domain);
        public static readonly Person Personnel = new("Rectorat - Division des personnels enseignants", "dpe@" + Domain);
        public static readonly Person Payroll = new("Rectorat - Service des rémunérations", "remunerations@" + Domain);
        public static readonly Person SchoolLife = new("Vie scolaire", "vie-scolaire@" + Domain);
        public static readonly Person Pix = new("Pix", "ne-pas-repondre@pix.example");
        public static readonly Person Museum = new("Musée des Lumières - Service des publics", "publics@musee-lumieres.example");
        public static readonly Person Parent = new("Sandrine Durand", "sandrine.durand@example.net");
        public static readonly Person Coaches = new("Autocars du Lac", "devis@autocars-du-lac.example");
        public static readonly Person Shop = new("Fournitures Malin", "news@fournitures-malin.example");
        // Look-alike domain (« entrainernent »): the phishing example the welcome message points to.
        public static readonly Person Phisher = new("Service informatique", "support@ac-entrainernent-securite.example");
        public static readonly Person Spammer = new("Service Clients", "promo@offres-du-jour.example");
    }

    /// <summary>Times of day in Paris, <c>daysAgo</c> days before the seeding day.</summary>
    private sealed class SeedClock
    {
        private readonly DateTimeOffset _now;
        private readonly DateOnly _anchor;
        private readonly TimeZoneInfo _zone;

        public SeedClock(DateTimeOffset now)
        {
            _now = now;
            _zone = FindParis();
            var local = TimeZoneInfo.ConvertTime(now, _zone);
            // Day 0 is today once the morning is over, yesterday before: day 0's mail (all dated before noon)
            // is then already in the past when the seed runs.
            _anchor = DateOnly.FromDateTime(local.DateTime).AddDays(local.Hour >= 12 ? 0 : -1);
        }

        public DateTimeOffset At(int daysAgo, int hour, int minute)
        {
            var date = Local(-daysAgo, hour, minute);
            return date > _now ? _now : date;
        }

        /// <summary>A future time, for invitations.</summary>
        public DateTimeOffset Ahead(int days, int hour, int minute) => Local(days, hour, minute);

        private DateTimeOffset Local(int dayOffset, int hour, int minute)
        {
            var local = _anchor.AddDays(dayOffset).ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, _zone.GetUtcOffset(local));
        }

        private static TimeZoneInfo FindParis()
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // A host without tzdata: a fixed UTC+1 only shifts the sample dates by an hour in summer.
                return TimeZoneInfo.CreateCustomTimeZone("Europe/Paris", TimeSpan.FromHours(1), "Paris", "Paris");
            }
        }
    }

    /// <summary>The messages themselves. Each account's mail reads like one term in a collège of the académie.</summary>
    private sealed class Letters(SeedClock clock)
    {
        private const string Inbox = "INBOX";
        private const string Drafts = "Drafts";
        private const string Sent = "Sent";
        private const string Archive = "Archive";
        private const string Junk = "Junk";
        private const string Trash = "Trash";
        private const string PlanContentId = "plan-acces.sortie-lac@" + Domain;

        private int _count;

        public List<Item> Items { get; } = [];

        public void WriteCamille()
        {
            const string me = Identifier;
            var camille = People.Camille;

            // INBOX
            Add(me, Inbox, clock.At(0, 8, 12), People.Principal, [camille], "Réunion de l'équipe pédagogique jeudi",
                Text(TeamMeeting), seen: false, flagged: true, cc: [People.Karim, People.Elodie, People.Thomas]);

            Add(me, Inbox, clock.At(0, 7, 45), People.EntSupport, [People.Staff], "Maintenance de l'ENT samedi de 7 h à 12 h",
                Alternative("""
                    Bonjour,

                    Une opération de maintenance aura lieu samedi de 7 h à 12 h.
                    Pendant cette période, l'ENT (cahier de textes, casiers de dépôt,
                    agenda) sera indisponible. La messagerie académique reste
                    accessible.

                    Pensez à enregistrer vos séances du cahier de textes avant
                    vendredi soir.

                    Pour toute question : https://assistance.ac-entrainement.fr/ent

                    L'équipe d'assistance ENT
                    """,
                    """
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour,</p>
                    <p>Une opération de maintenance aura lieu <strong>samedi de 7 h à 12 h</strong>.
                    Pendant cette période, ces services de l'ENT seront indisponibles :</p>
                    <ul><li>le cahier de textes ;</li><li>les casiers de dépôt ;</li><li>l'agenda.</li></ul>
                    <p>La messagerie académique reste accessible. Pensez à enregistrer vos séances du cahier de textes avant vendredi soir.</p>
                    <p>Pour toute question : <a href="https://assistance.ac-entrainement.fr/ent">assistance de l'ENT</a>.</p>
                    <p>L'équipe d'assistance ENT</p>
                    </body></html>
                    """),
                seen: false);

            Add(me, Inbox, clock.At(1, 17, 30), People.Cpe, [camille], "Absences de la 4e B cette semaine",
                Mixed(Text("""
                    Bonjour Camille,

                    Vous trouverez ci-joint le relevé des absences de la 4e B pour la
                    semaine. Trois élèves dépassent quatre demi-journées non
                    justifiées ; j'ai pris contact avec les familles.

                    Si vous constatez d'autres absences en cours, merci de bien les
                    saisir dans le logiciel de vie scolaire dès l'appel.

                    Bonne soirée,

                    Marc Dubois
                    Conseiller principal d'éducation
                    """),
                    Attachment("absences-4eB.csv", "text/csv; charset=utf-8", Utf8("""
                        Élève;Classe;Demi-journées d'absence;Dont non justifiées
                        Léa D.;4e B;2;0
                        Hugo M.;4e B;5;5
                        Inès B.;4e B;6;4
                        Nathan R.;4e B;1;0
                        Chloé P.;4e B;7;5

                        """))),
                seen: false);

            // The one message with remote images (a poster and a tracking pixel): what « images bloquées » is for.
            Add(me, Inbox, clock.At(1, 11, 2), People.Museum, [camille], "Offre pédagogique : exposition « Lumières d'Orient »",
                Html("""
                    <!DOCTYPE html>
                    <html lang="fr"><head><meta charset="utf-8"><title>Offre pédagogique</title></head>
                    <body style="font-family: Georgia, serif; color: #222;">
                    <p><img src="https://www.example.org/musee-lumieres/affiche-lumieres-orient.jpg" alt="Affiche de l'exposition « Lumières d'Orient »" width="560" height="240"></p>
                    <h1 style="font-size: 22px;">Lumières d'Orient</h1>
                    <p>Madame, Monsieur,</p>
                    <p>Le service des publics du Musée des Lumières a le plaisir de vous présenter son offre pour les classes
                    de collège autour de l'exposition <strong>« Lumières d'Orient »</strong>, du 5 janvier au 30 avril.</p>
                    <ul>
                    <li>Visite guidée (1 h 30) : gratuite pour les établissements publics ;</li>
                    <li>Atelier d'écriture « Le conte oriental » (cycle 4) ;</li>
                    <li>Dossier pédagogique à télécharger.</li>
                    </ul>
                    <p><a href="https://www.example.org/musee-lumieres/reserver">Réserver une visite pour votre classe</a></p>
                    <p style="color: #666; font-size: 12px;">Vous recevez ce message car votre établissement est inscrit à notre lettre
                    d'information. <a href="https://www.example.org/musee-lumieres/desinscription">Se désinscrire</a></p>
                    <img src="https://www.example.org/musee-lumieres/o.gif?c=lumieres-orient" width="1" height="1" alt="">
                    </body></html>
                    """),
                seen: false);

            Add(me, Inbox, clock.At(1, 9, 20), People.Elodie, [camille], "Échange linguistique avec Salamanque",
                Text("""
                    Bonjour Camille,

                    Comme évoqué en salle des professeurs, le collège partenaire de
                    Salamanque nous propose d'accueillir ses élèves du 16 au 23 mars.
                    Serais-tu d'accord pour accompagner le groupe lors de la journée au
                    centre-ville (visite guidée et atelier au CDI) ?

                    J'ai besoin d'un deuxième accompagnateur pour déposer le dossier à
                    la DAREIC avant la fin du mois.

                    Merci d'avance !
                    Élodie
                    """));

            Add(me, Inbox, clock.At(2, 16, 5), People.Personnel, [People.Teachers], "Note de service : mouvement intra-académique 2026",
                Mixed(Text("""
                    Mesdames et Messieurs les enseignants,

                    La note de service relative au mouvement intra-académique des
                    personnels enseignants du second degré est parue. Vous la trouverez
                    en pièce jointe.

                    Calendrier :
                    - ouverture du serveur de saisie des vœux : mi-mars ;
                    - retour des confirmations signées : fin mars ;
                    - affichage des barèmes : courant avril.

                    Les demandes de bonification au titre du handicap sont à déposer
                    auprès du médecin conseiller technique du recteur avant la
                    fermeture du serveur.

                    Pour le recteur et par délégation,
                    la cheffe de la division des personnels enseignants
                    """),
                    Attachment("note-de-service-mouvement-2026.pdf", "application/pdf", Pdf(
                        "Note de service n° 2026-014 - Mouvement intra-académique",
                        "Destinataires : personnels enseignants du second degré",
                        "",
                        "1. Saisie des vœux sur le serveur académique, à partir de mi-mars.",
                        "2. Confirmation signée à retourner au rectorat avant la fin mars.",
                        "3. Affichage des barèmes et demandes de correction en avril.",
                        "4. Résultats communiqués individuellement en juin.",
                        "",
                        "Pour le recteur et par délégation,",
                        "la cheffe de la division des personnels enseignants"))),
                flagged: true);

            Add(me, Inbox, clock.At(2, 10, 40), People.Secretariat, [camille], "Emploi du temps modifié à partir de lundi",
                Html("""
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour,</p>
                    <p>Suite au remplacement de Mme Petit, votre emploi du temps change à partir de lundi.
                    Les créneaux modifiés sont en gras.</p>
                    <table border="1" cellpadding="4" cellspacing="0">
                    <caption>Emploi du temps de Mme Martin : modifications</caption>
                    <thead><tr><th scope="col">Jour</th><th scope="col">Horaire</th><th scope="col">Classe</th><th scope="col">Salle</th></tr></thead>
                    <tbody>
                    <tr><td>Lundi</td><td>8 h - 9 h</td><td>3e A</td><td>B12</td></tr>
                    <tr><td>Lundi</td><td><strong>10 h - 11 h</strong></td><td><strong>5e C</strong></td><td><strong>A04</strong></td></tr>
                    <tr><td>Mardi</td><td>14 h - 16 h</td><td>4e B</td><td>B12</td></tr>
                    <tr><td>Jeudi</td><td><strong>9 h - 10 h</strong></td><td><strong>5e C</strong></td><td><strong>CDI</strong></td></tr>
                    <tr><td>Vendredi</td><td>11 h - 12 h</td><td>3e A</td><td>B12</td></tr>
                    </tbody></table>
                    <p>L'emploi du temps à jour est aussi consultable sur l'ENT.</p>
                    <p>Nathalie Roux<br>Secrétariat de direction</p>
                    </body></html>
                    """),
                seen: false);

            Add(me, Inbox, clock.At(3, 18, 22), People.Karim, [camille], "Re: Conseil de classe de la 3e A : appréciations",
                Text("""
                    Bonjour Camille,

                    Merci pour ton message. J'ai saisi mes appréciations pour toute la
                    classe ; il me reste seulement Yanis, dont je n'ai que deux notes
                    ce trimestre (absences longues, certificat fourni).

                    Pour le conseil, je propose les encouragements pour Manon et Adam,
                    et un point d'alerte sur le travail personnel de Lucas.

                    À jeudi,
                    Karim

                    Camille Martin a écrit :
                    > Bonjour Karim,
                    > Le conseil de classe de la 3e A approche : pourrais-tu saisir tes
                    > appréciations avant mercredi soir ? Je prépare la synthèse jeudi.
                    """));

            Add(me, Inbox, clock.At(3, 8, 5), People.Pix, [camille], "Campagne Pix 3e A : résultats disponibles",
                Alternative("""
                    Bonjour Camille Martin,

                    Les résultats de la campagne « Parcours Pix 3e A » sont disponibles
                    sur Pix Orga : 24 participants sur 26 ont terminé leur parcours.

                    Consulter les résultats : https://orga.pix.example/campagnes

                    L'équipe Pix
                    Ce message est envoyé automatiquement, merci de ne pas y répondre.
                    """,
                    """
                    <html><head><meta charset="utf-8"></head><body style="font-family: Arial, sans-serif;">
                    <p>Bonjour Camille Martin,</p>
                    <p>Les résultats de la campagne « Parcours Pix 3e A » sont disponibles : <strong>24 participants sur 26</strong> ont terminé leur parcours.</p>
                    <table border="1" cellpadding="4" cellspacing="0">
                    <caption>Niveau moyen par compétence</caption>
                    <thead><tr><th scope="col">Compétence</th><th scope="col">Niveau moyen</th></tr></thead>
                    <tbody>
                    <tr><td>Mener une recherche et une veille d'information</td><td>2,8</td></tr>
                    <tr><td>Protéger les données personnelles et la vie privée</td><td>2,1</td></tr>
                    <tr><td>Traiter des données</td><td>1,9</td></tr>
                    </tbody></table>
                    <p><a href="https://orga.pix.example/campagnes">Consulter les résultats sur Pix Orga</a></p>
                    <p style="color: #555;">L'équipe Pix. Ce message est envoyé automatiquement, merci de ne pas y répondre.</p>
                    </body></html>
                    """));

            // HTML only, with its image inside the message (multipart/related, cid:): shown without any request.
            Add(me, Inbox, clock.At(4, 14, 30), People.Thomas, [camille], "Sortie au lac : plan d'accès",
                Related("""
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour Camille,</p>
                    <p>Voici le plan d'accès à la base nautique pour la sortie de vendredi. Le car nous dépose au parking ;
                    on rejoint le ponton à pied par le chemin, dix minutes environ.</p>
                    <p><img src="cid:plan-acces.sortie-lac@ac-entrainement.fr" width="240" height="160"
                    alt="Plan : le parking au sud-ouest, un chemin monte vers le nord jusqu'au ponton, sur la rive ouest du lac."></p>
                    <p>Rendez-vous à 8 h 15 devant le collège, retour prévu vers 17 h.</p>
                    <p>Thomas</p>
                    </body></html>
                    """,
                    InlineImage("plan-acces.png", PlanContentId, AccessMap())),
                seen: false);

            var meeting = clock.Ahead(4, 17, 0);
            Add(me, Inbox, clock.At(4, 9, 0), People.Principal, [People.Staff], "Invitation : conseil pédagogique",
                Mixed(Text("""
                    Bonjour,

                    Vous trouverez ci-joint l'invitation au prochain conseil
                    pédagogique. Ouvrez le fichier joint pour l'ajouter à votre agenda.

                    Ordre du jour : projet d'établissement, dispositif « devoirs
                    faits », répartition des heures de soutien.

                    Bien cordialement,
                    Sophie Lambert
                    Principale du collège Jean-Moulin
                    """),
                    Attachment("conseil-pedagogique.ics", "text/calendar; charset=utf-8; method=PUBLISH", Calendar(
                        "conseil-pedagogique.seed@" + Domain, "Conseil pédagogique", "Salle polyvalente\\, bâtiment B",
                        meeting, meeting.AddMinutes(90), People.Principal))));

            Add(me, Inbox, clock.At(5, 13, 15), People.Digital, [People.Teachers], "La lettre du numérique éducatif n° 12",
                Html(DigitalNewsletter));

            Add(me, Inbox, clock.At(6, 19, 48), People.Parent, [camille], "Absence de Léa mardi",
                Text("""
                    Bonjour Madame Martin,

                    Léa aura un rendez-vous médical mardi matin et ne pourra pas être
                    présente au cours de français de 9 h. Elle rattrapera le travail
                    auprès d'une camarade. Nous avons également prévenu la vie
                    scolaire.

                    Avec nos remerciements,

                    Sandrine Durand
                    """));

            Add(me, Inbox, clock.At(7, 12, 10), People.Bursar, [camille], "Commande de manuels : récapitulatif",
                Mixed(Text("""
                    Bonjour Madame Martin,

                    Votre commande de manuels a bien été transmise au fournisseur. Le
                    récapitulatif est joint à ce message ; merci de le vérifier et de
                    me signaler toute erreur avant vendredi.

                    Cordialement,

                    Pierre Lefebvre
                    Gestionnaire
                    """),
                    Attachment("commande-manuels.txt", "text/plain; charset=utf-8", Utf8("""
                        Commande de manuels - lettres, collège Jean-Moulin
                        Demandeuse : Camille Martin

                        Titre                                  Niveau  Quantité
                        Français 5e, nouvelle édition          5e      28
                        Français 3e, nouvelle édition          3e      30
                        Cahier d'orthographe 4e                4e      27

                        Total : 85 ouvrages
                        Imputation : crédits pédagogiques, lettres

                        """))));

            Add(me, Inbox, clock.At(7, 8, 30), People.Cpe, [camille], "Remplacement en 5e C",
                Text("""
                    Bonjour Camille,

                    Mme Petit est absente jusqu'aux vacances. Le rectorat nous a
                    confirmé la nomination d'un remplaçant, M. Garnier, à partir de
                    lundi prochain.

                    D'ici là, pourrais-tu assurer l'heure de 5e C du jeudi à 9 h au
                    CDI ? La séance serait comptée en heure supplémentaire (HSE).

                    Les élèves ont un travail à rendre sur « Les Fourberies de
                    Scapin » ; les consignes sont dans le cahier de textes de l'ENT.

                    Merci beaucoup,
                    Marc
                    """),
                flagged: true);

            Add(me, Inbox, clock.At(8, 15, 0), People.Inspector, [camille], "Rendez-vous de carrière : proposition de date",
                Text("""
                    Madame,

                    Dans le cadre de votre rendez-vous de carrière, je vous propose une
                    visite en classe suivie d'un entretien : le mardi de la semaine
                    suivant les vacances, en 3e A de 10 h à 11 h, l'entretien ayant
                    lieu à 11 h 15.

                    Pourriez-vous me confirmer cette date, ou m'en proposer une autre,
                    en répondant à ce message ? Vous recevrez ensuite la notification
                    officielle par l'application de gestion.

                    Je vous prie d'agréer, Madame, l'expression de mes salutations
                    distinguées.

                    Isabelle Moreau
                    IA-IPR de lettres
                    """),
                flagged: true);

            AddRaw(me, Inbox, clock.At(9, 10, 0), MalformedDutyRoster(clock.At(9, 10, 0)), seen: false);

            Add(me, Inbox, clock.At(10, 16, 45), People.Elodie, [camille], "Photo de la chorale",
                Mixed(Text("""
                    Coucou Camille,

                    Voici une photo de la répétition de la chorale de mardi (celle où
                    l'on ne voit aucun visage, pour le site du collège). Dis-moi si elle
                    te convient pour l'article.

                    Élodie
                    """),
                    Attachment("chorale.png", "image/png", ChoirPicture())));

            Add(me, Inbox, clock.At(11, 9, 30), People.Digital, [People.Teachers], "Formation PIX+Édu : inscriptions ouvertes",
                Alternative("""
                    Bonjour,

                    Les inscriptions au dispositif PIX+Édu sont ouvertes jusqu'à la fin
                    du mois sur la plateforme de formation (rubrique « Numérique
                    éducatif »).

                    Le parcours comprend un positionnement en ligne, deux demi-journées
                    en présentiel et une certification facultative.

                    S'inscrire : https://formation.ac-entrainement.fr/pix-edu

                    La délégation académique au numérique
                    """,
                    """
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour,</p>
                    <p>Les inscriptions au dispositif <strong>PIX+Édu</strong> sont ouvertes jusqu'à la fin du mois.</p>
                    <p>Le parcours comprend :</p>
                    <ol><li>un positionnement en ligne ;</li><li>deux demi-journées en présentiel ;</li><li>une certification facultative.</li></ol>
                    <p><a href="https://formation.ac-entrainement.fr/pix-edu">S'inscrire sur la plateforme de formation</a></p>
                    <p>La délégation académique au numérique</p>
                    </body></html>
                    """));

            Add(me, Inbox, clock.At(12, 11, 11), People.Secretariat, [People.Staff], "Rappel : saisie des notes avant vendredi",
                Text("""
                    Bonjour à tous,

                    Petit rappel : la saisie des notes et des appréciations du premier
                    trimestre doit être terminée vendredi à 18 h. Les bulletins seront
                    édités lundi matin pour les conseils de classe.

                    En cas de difficulté d'accès au logiciel de notes, contactez
                    l'assistance ENT ou passez au secrétariat.

                    Bonne journée,
                    Nathalie Roux
                    Secrétariat de direction
                    """));

            Add(me, Inbox, clock.At(14, 8, 0), People.Principal, [People.Staff], "Calendrier des conseils de classe du premier trimestre",
                Alternative("""
                    Bonjour à toutes et à tous,

                    Voici le calendrier des conseils de classe du premier trimestre :

                    - 6e : lundi à 17 h ;
                    - 5e : mardi à 17 h ;
                    - 4e : jeudi à 17 h ;
                    - 3e : vendredi à 16 h 30.

                    Les professeurs principaux recevront le détail par classe.

                    Sophie Lambert
                    """,
                    """
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour à toutes et à tous,</p>
                    <table border="1" cellpadding="4" cellspacing="0">
                    <caption>Conseils de classe du premier trimestre</caption>
                    <thead><tr><th scope="col">Niveau</th><th scope="col">Jour</th><th scope="col">Heure</th></tr></thead>
                    <tbody>
                    <tr><td>6e</td><td>lundi</td><td>17 h</td></tr>
                    <tr><td>5e</td><td>mardi</td><td>17 h</td></tr>
                    <tr><td>4e</td><td>jeudi</td><td>17 h</td></tr>
                    <tr><td>3e</td><td>vendredi</td><td>16 h 30</td></tr>
                    </tbody></table>
                    <p>Les professeurs principaux recevront le détail par classe.</p>
                    <p>Sophie Lambert</p>
                    </body></html>
                    """));

            Add(me, Inbox, clock.At(15, 17, 20), People.Karim, [camille], "Projet interdisciplinaire « Mémoire et citoyenneté »",
                Text("""
                    Salut Camille,

                    J'ai relu ta proposition pour le projet de 3e. L'idée de faire
                    écrire aux élèves des lettres de poilus à partir des archives
                    départementales me plaît beaucoup ; je peux prendre en charge la
                    séance aux archives et la partie sur le contexte historique.

                    On le présente au prochain conseil pédagogique ?

                    Karim
                    """));

            Add(me, Inbox, clock.At(17, 10, 30), People.EntSupport, [camille], "Votre demande n° 48213 est résolue",
                Text("""
                    Bonjour,

                    Votre demande n° 48213 « Impossible de déposer un fichier dans le
                    casier de la 4e B » a été résolue.

                    Réponse du technicien : la taille maximale d'un dépôt est de 50 Mo.
                    Nous avons vérifié votre casier ; le dépôt fonctionne de nouveau.

                    Si le problème persiste, répondez simplement à ce message : votre
                    demande sera rouverte.

                    L'assistance ENT
                    """));

            Add(me, Inbox, clock.At(18, 14, 0), People.Thomas, [People.Staff], "Cross du collège : besoin d'accompagnateurs",
                Text("""
                    Bonjour à tous,

                    Le cross du collège aura lieu le vendredi avant les vacances, au
                    parc municipal. Nous cherchons six collègues pour tenir les points
                    de contrôle entre 13 h 30 et 16 h.

                    Inscrivez-vous en répondant à ce message ou sur la feuille affichée
                    en salle des professeurs.

                    Sportivement,
                    Thomas Girard
                    Professeur d'EPS
                    """));

            Add(me, Inbox, clock.At(20, 9, 0), People.MailSupport, [camille], "Bienvenue dans la messagerie d'entraînement",
                Text(Welcome("Camille")), seen: false);

            Add(me, Inbox, clock.At(21, 8, 30), People.Payroll, [camille], "Votre bulletin de paie est disponible",
                Text("""
                    Bonjour,

                    Votre bulletin de paie du mois est disponible dans votre espace
                    numérique sécurisé de l'agent public (ENSAP).

                    Ce message ne contient volontairement aucun lien : rendez-vous
                    vous-même sur le site de l'ENSAP. En cas de doute sur un message
                    qui vous demande vos identifiants, n'y répondez pas et contactez
                    l'assistance.

                    Le service des rémunérations
                    """));

            Add(me, Inbox, clock.At(1, 13, 2), People.Julien, [camille], "Re: Échange de salle mardi",
                Text(RoomSwapReply), seen: false);

            // Sent
            Add(me, Sent, clock.At(0, 8, 40), camille, [People.Principal], "Re: Réunion de l'équipe pédagogique jeudi",
                Text("""
                    Bonjour Madame Lambert,

                    Je serai présente jeudi. Je souhaiterais ajouter aux questions
                    diverses l'organisation des oraux blancs du brevet.

                    Bien cordialement,
                    Camille Martin
                    """));

            Add(me, Sent, clock.At(3, 7, 50), camille, [People.Karim], "Conseil de classe de la 3e A : appréciations",
                Text("""
                    Bonjour Karim,

                    Le conseil de classe de la 3e A approche : pourrais-tu saisir tes
                    appréciations avant mercredi soir ? Je prépare la synthèse jeudi.

                    Merci !
                    Camille
                    """));

            Add(me, Sent, clock.At(5, 8, 10), camille, [People.Parent], "Re: Absence de Léa mardi",
                Text("""
                    Bonjour Madame Durand,

                    Merci de m'avoir prévenue. Léa pourra récupérer le cours auprès de
                    ses camarades ; le travail à faire est aussi noté dans le cahier de
                    textes de l'ENT.

                    Bien cordialement,
                    Camille Martin
                    Professeure de lettres
                    """));

            Add(me, Sent, clock.At(9, 13, 0), camille, [People.Thomas], "Sortie au lac : effectifs et accompagnateurs",
                Mixed(Text("""
                    Bonjour Thomas,

                    Voici le tableau des effectifs pour la sortie. Il manque encore deux
                    autorisations parentales en 4e B ; je relance les familles demain.

                    Camille
                    """),
                    Attachment("effectifs-sortie.csv", "text/csv; charset=utf-8", Utf8("""
                        Classe;Élèves inscrits;Autorisations reçues;Accompagnateurs
                        4e B;26;24;Camille Martin, Thomas Girard
                        5e C;27;27;Élodie Fournier, Marc Dubois

                        """))));

            Add(me, Sent, clock.At(1, 12, 30), camille, [People.Julien], "Échange de salle mardi", Text(RoomSwap));

            // Drafts: unfinished, as people leave them.
            Add(me, Drafts, clock.At(0, 9, 5), camille, [People.Elodie], "Échange linguistique : mes disponibilités",
                Text("""
                    Bonjour Élodie,

                    Avec plaisir pour accompagner le groupe de Salamanque. Je suis
                    disponible le mardi et le jeudi de la semaine d'accueil, mais
                    """));

            Add(me, Drafts, clock.At(2, 21, 10), camille, [], "Idées pour la semaine des langues",
                Text("""
                    - lecture bilingue au CDI (avec Élodie ?)
                    - concours d'affiches
                    - exposition des travaux des 5e
                    """));

            // Archive
            Add(me, Archive, clock.At(30, 16, 0), People.Principal, [People.Staff], "Compte rendu du conseil d'administration",
                Mixed(Text("""
                    Bonjour,

                    Vous trouverez ci-joint le compte rendu du dernier conseil
                    d'administration, approuvé par ses membres.

                    Points principaux : vote du budget, adoption du règlement intérieur
                    modifié, approbation des sorties scolaires du deuxième trimestre.

                    Sophie Lambert
                    """),
                    Attachment("compte-rendu-ca.pdf", "application/pdf", Pdf(
                        "Collège Jean-Moulin - Conseil d'administration",
                        "Compte rendu approuvé",
                        "",
                        "1. Budget de l'année : adopté à l'unanimité.",
                        "2. Règlement intérieur : article 12 modifié (usage du téléphone).",
                        "3. Sorties scolaires du deuxième trimestre : approuvées.",
                        "4. Questions diverses : travaux du préau."))));

            Add(me, Archive, clock.At(35, 10, 0), People.EntSupport, [camille], "Ouverture de votre compte ENT",
                Text("""
                    Bonjour Camille Martin,

                    Votre compte sur l'ENT du collège Jean-Moulin est ouvert. Vous vous
                    y connectez avec votre identifiant académique et le mot de passe de
                    votre messagerie.

                    Vous y trouverez le cahier de textes, les casiers de dépôt, l'agenda
                    de l'établissement et les ressources numériques.

                    L'assistance ENT
                    """));

            Add(me, Archive, clock.At(40, 11, 30), People.Secretariat, [People.Staff], "Réunions parents-professeurs : calendrier",
                Html("""
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Bonjour,</p>
                    <p>Voici le calendrier des réunions parents-professeurs. Les familles prennent rendez-vous sur l'ENT.</p>
                    <table border="1" cellpadding="4" cellspacing="0">
                    <caption>Réunions parents-professeurs</caption>
                    <thead><tr><th scope="col">Niveau</th><th scope="col">Jour</th><th scope="col">Horaire</th><th scope="col">Lieu</th></tr></thead>
                    <tbody>
                    <tr><td>6e</td><td>mardi</td><td>17 h - 20 h</td><td>Réfectoire</td></tr>
                    <tr><td>5e et 4e</td><td>jeudi</td><td>17 h - 20 h</td><td>Réfectoire</td></tr>
                    <tr><td>3e</td><td>vendredi</td><td>17 h - 19 h 30</td><td>Salle polyvalente</td></tr>
                    </tbody></table>
                    <p>Nathalie Roux, secrétariat de direction</p>
                    </body></html>
                    """));

            // Junk: the look-alike sender and the too-good-to-be-true offer.
            Add(me, Junk, clock.At(2, 3, 17), People.Phisher, [camille], "Votre boîte aux lettres est presque pleine",
                Html("""
                    <html><head><meta charset="utf-8"></head><body>
                    <p>Cher utilisateur,</p>
                    <p>Votre boîte aux lettres a atteint 98 % de son quota. Pour éviter la suppression de vos messages,
                    <b>validez votre compte dans les 24 heures</b> :</p>
                    <p><a href="https://ac-entrainernent-securite.example/valider">VALIDER MON COMPTE</a></p>
                    <p>Service informatique</p>
                    </body></html>
                    """),
                seen: false);

            Add(me, Junk, clock.At(8, 4, 2), People.Spammer, [camille], "Félicitations ! Vous avez été sélectionné(e)",
                Text("""
                    Félicitations !

                    Vous avez été sélectionné(e) pour recevoir une tablette offerte.
                    Pour confirmer votre cadeau, il suffit de régler les frais de port
                    (1,95 €) sur notre site sécurisé.

                    Offre valable 48 heures seulement.
                    """),
                seen: false);

            // Trash
            Add(me, Trash, clock.At(16, 6, 30), People.Shop, [camille], "Jusqu'à -40 % sur les fournitures de rentrée",
                Text("""
                    Bonjour,

                    Cahiers, classeurs, feutres pour tableau blanc : jusqu'à -40 % sur
                    une sélection de fournitures pour les enseignants, cette semaine
                    seulement.

                    Fournitures Malin
                    Pour ne plus recevoir nos offres, répondez STOP.
                    """));

            // Plain folders
            Add(me, CouncilsFolder, clock.At(25, 18, 0), People.Principal, [People.Staff], "Conseils de classe : consignes pour les bulletins",
                Text("""
                    Bonjour à toutes et à tous,

                    Quelques consignes pour les appréciations des bulletins :
                    - des phrases complètes, qui parlent du travail et non de la
                      personne ;
                    - un conseil concret pour progresser ;
                    - pas d'abréviations.

                    Les professeurs principaux rédigent l'appréciation générale après
                    le conseil, à partir des propositions de l'équipe.

                    Sophie Lambert
                    """));

            Add(me, CouncilsFolder, clock.At(26, 20, 15), People.Karim, [camille], "Modèle de synthèse pour la 3e A",
                Mixed(Text("""
                    Camille,

                    Comme promis, le modèle de synthèse que j'utilise pour préparer les
                    conseils : une ligne par élève, à compléter avec l'équipe.

                    Karim
                    """),
                    Attachment("synthese-3eA.txt", "text/plain; charset=utf-8", Utf8("""
                        Synthèse du conseil de classe - 3e A (modèle)

                        Élève | Résultats | Travail personnel | Comportement | Proposition
                        ------+-----------+-------------------+--------------+------------
                              |           |                   |              |

                        Propositions : félicitations, compliments, encouragements,
                        mise en garde (travail ou comportement).

                        """))));

            Add(me, TripsFolder, clock.At(22, 9, 45), People.Coaches, [camille], "Devis : transport pour la sortie à la base nautique",
                Mixed(Text("""
                    Madame,

                    Suite à votre demande, veuillez trouver ci-joint notre devis pour un
                    autocar de 59 places, aller-retour collège Jean-Moulin - base
                    nautique du lac, départ 8 h 15, retour 17 h.

                    Ce devis est valable trente jours.

                    Cordialement,
                    Le service commercial
                    Autocars du Lac
                    """),
                    Attachment("devis-transport.pdf", "application/pdf", Pdf(
                        "Autocars du Lac - Devis n° D-0917",
                        "Client : collège Jean-Moulin, à l'attention de Mme Martin",
                        "",
                        "Autocar 59 places, aller-retour collège - base nautique du lac",
                        "Départ 8 h 15, retour 17 h, attente du chauffeur comprise",
                        "",
                        "Total : 640,00 € TTC",
                        "Devis valable trente jours."))),
                flagged: true);

            Add(me, TripsFolder, clock.At(23, 12, 20), People.Thomas, [camille], "Autorisations parentales pour la sortie",
                Text("""
                    Camille,

                    J'ai mis le modèle d'autorisation parentale dans le casier partagé
                    de l'ENT (dossier « Sortie lac »). N'oublie pas d'y ajouter la
                    mention sur le droit à l'image et l'attestation de natation.

                    Thomas
                    """));
        }

        public void WriteJulien()
        {
            const string me = SecondIdentifier;
            var julien = People.Julien;

            Add(me, Inbox, clock.At(20, 9, 0), People.MailSupport, [julien], "Bienvenue dans la messagerie d'entraînement",
                Text(Welcome("Julien")), seen: false);
            Add(me, Inbox, clock.At(0, 8, 12), People.Principal, [julien], "Réunion de l'équipe pédagogique jeudi",
                Text(TeamMeeting), seen: false, flagged: true, cc: [People.Camille, People.Karim]);
            Add(me, Inbox, clock.At(1, 12, 30), People.Camille, [julien], "Échange de salle mardi", Text(RoomSwap), seen: false);
            Add(me, Inbox, clock.At(2, 10, 50), People.Secretariat, [julien], "Réunion parents-professeurs : inscriptions",
                Text("""
                    Bonjour Monsieur Bernard,

                    Les familles de votre classe de 6e D peuvent dès maintenant prendre
                    rendez-vous sur l'ENT pour la réunion parents-professeurs de mardi.
                    Merci d'ouvrir vos créneaux avant vendredi.

                    Nathalie Roux
                    Secrétariat de direction
                    """));
            Add(me, Inbox, clock.At(5, 13, 15), People.Digital, [People.Teachers], "La lettre du numérique éducatif n° 12",
                Html(DigitalNewsletter));
            Add(me, Sent, clock.At(1, 13, 2), julien, [People.Camille], "Re: Échange de salle mardi", Text(RoomSwapReply));
        }

        private void Add(
            string account,
            string folder,
            DateTimeOffset date,
            Person from,
            Person[] to,
            string subject,
            MimeEntity body,
            bool seen = true,
            bool flagged = false,
            Person[]? cc = null)
        {
            var message = new MimeMessage();
            message.From.Add(from.Mailbox());
            message.To.AddRange(to.Select(p => p.Mailbox()));
            message.Cc.AddRange((cc ?? []).Select(p => p.Mailbox()));
            message.Subject = subject;
            message.Date = date;
            message.MessageId = (++_count).ToString("D3", CultureInfo.InvariantCulture) + ".seed@" + Domain;
            message.Body = body;
            // As a mail client would send it: quoted-printable or base64, 7-bit clean.
            message.Prepare(EncodingConstraint.SevenBit);
            Items.Add(new Item(account, folder, date, seen, flagged, message, null));
        }

        private void AddRaw(string account, string folder, DateTimeOffset date, byte[] raw, bool seen) =>
            Items.Add(new Item(account, folder, date, seen, false, null, raw));

        private static TextPart Text(string text) => new(TextFormat.Plain) { Text = text + "\n" };

        private static TextPart Html(string html) => new(TextFormat.Html) { Text = html + "\n" };

        private static MultipartAlternative Alternative(string text, string html) => [Text(text), Html(html)];

        private static Multipart Mixed(MimeEntity body, params MimeEntity[] attachments)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var attachment in attachments)
            {
                mixed.Add(attachment);
            }
            return mixed;
        }

        private static MultipartRelated Related(string html, MimePart image) => [Html(html), image];

        private static MimePart Attachment(string fileName, string contentType, byte[] content) =>
            new(ContentType.Parse(contentType))
            {
                Content = new MimeContent(new MemoryStream(content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = fileName,
            };

        private static MimePart InlineImage(string fileName, string contentId, byte[] png) =>
            new("image", "png")
            {
                Content = new MimeContent(new MemoryStream(png)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline),
                ContentTransferEncoding = ContentEncoding.Base64,
                ContentId = contentId,
                FileName = fileName,
            };

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

        private static byte[] Calendar(string uid, string summary, string location, DateTimeOffset start, DateTimeOffset end, Person organizer)
        {
            static string Utc(DateTimeOffset d) => d.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var ics = $"""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Collège Jean-Moulin//Agenda//FR
                METHOD:PUBLISH
                BEGIN:VEVENT
                UID:{uid}
                DTSTAMP:{Utc(start.AddDays(-8))}
                DTSTART:{Utc(start)}
                DTEND:{Utc(end)}
                SUMMARY:{summary}
                LOCATION:{location}
                ORGANIZER;CN={organizer.Name}:mailto:{organizer.Address}
                END:VEVENT
                END:VCALENDAR

                """;
            return Utf8(ics);
        }

        /// <summary>
        /// A message as an old school-life program sends it: raw Latin-1 in the Subject without any encoding, a
        /// charset that does not exist, and an attachment cut off before its closing boundary. MimeKit must still
        /// give a readable message: « malformed mail still opens ».
        /// </summary>
        private static byte[] MalformedDutyRoster(DateTimeOffset date)
        {
            var csv = Convert.ToBase64String(Encoding.Latin1.GetBytes("Heure;Lundi;Mardi;Jeudi\r\n13 h;C. Martin;;\r\n15 h;;;C. Martin\r\n"));
            var truncated = csv[..(csv.Length - 7)];
            var text = string.Join("\r\n",
                "From: Vie scolaire <" + People.SchoolLife.Address + ">",
                "To: " + People.Camille.Address,
                "Subject: Tableau des permanences (édition automatique)",
                "Date: " + DateUtils.FormatDate(date),
                "Message-ID: <permanences.seed@" + Domain + ">",
                "MIME-Version: 1.0",
                "X-Mailer: Logiciel de vie scolaire 3.2",
                "Content-Type: multipart/mixed; boundary=\"----=_Part_0042\"",
                "",
                "------=_Part_0042",
                "Content-Type: text/plain; charset=\"iso-8859-15x\"",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Bonjour,",
                "",
                "Ce message a été généré automatiquement par le logiciel de vie",
                "scolaire. Veuillez trouver ci-joint le tableau des permanences de la",
                "semaine prochaine.",
                "",
                "Permanences de Mme Martin : lundi 13 h - 14 h (salle d'étude),",
                "jeudi 15 h - 16 h (CDI).",
                "",
                "Ne pas répondre à ce message.",
                "",
                "------=_Part_0042",
                "Content-Type: text/csv; name=\"permanences.csv\"",
                "Content-Disposition: attachment; filename=\"permanences.csv\"",
                "Content-Transfer-Encoding: base64",
                "",
                truncated,
                "");
            return Encoding.Latin1.GetBytes(text);
        }

        private static string Welcome(string firstName) => $"""
            Bonjour {firstName},

            Bienvenue dans le mode entraînement de la messagerie académique.

            Cette boîte aux lettres est fictive : elle sert à découvrir la
            messagerie sans risque. Ouvrez les messages, parcourez les dossiers,
            regardez les pièces jointes : ce que vous faites ici ne concerne que
            cette boîte d'entraînement.

            Quelques idées pour commencer :
            - ouvrez le dossier « Indésirables » et observez le faux message
              d'alerte : c'est un exemple d'hameçonnage ;
            - ouvrez le message du musée : ses images distantes restent
              bloquées tant que vous ne demandez pas à les afficher ;
            - consultez le guide pas à pas, accessible depuis chaque page.

            Bonne découverte !

            L'assistance de la messagerie
            """;

        private const string TeamMeeting = """
            Bonjour à toutes et à tous,

            La réunion de l'équipe pédagogique des classes de 3e aura lieu jeudi
            à 17 h 15 en salle polyvalente (bâtiment B, rez-de-chaussée).

            Ordre du jour :
            1. Bilan de mi-trimestre et élèves à accompagner ;
            2. Préparation du brevet blanc (dates, surveillances, correction) ;
            3. Stages d'observation : point sur les conventions ;
            4. Questions diverses.

            Merci de me faire remonter vos points d'ici mercredi midi.

            Bien cordialement,

            Sophie Lambert
            Principale du collège Jean-Moulin
            """;

        private const string RoomSwap = """
            Bonjour Julien,

            Serait-il possible d'échanger nos salles mardi de 14 h à 16 h ? J'ai
            besoin du vidéoprojecteur de la B12 pour une projection avec la 4e B,
            et tu aurais la A04 en échange.

            Merci d'avance,
            Camille
            """;

        private const string RoomSwapReply = """
            Bonjour Camille,

            Pas de souci pour mardi, je prendrai la A04.

            Julien

            Camille Martin a écrit :
            > Serait-il possible d'échanger nos salles mardi de 14 h à 16 h ?
            """;

        private const string DigitalNewsletter = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>La lettre du numérique éducatif</title></head>
            <body style="font-family: Arial, sans-serif;">
            <h1 style="font-size: 20px;">La lettre du numérique éducatif n° 12</h1>
            <p>Bonjour,</p>
            <p>Au sommaire de ce numéro : les formations PIX+Édu, le nouveau guide de l'ENT et les rendez-vous du trimestre.</p>
            <table border="1" cellpadding="6" cellspacing="0">
            <caption>Rendez-vous du trimestre</caption>
            <thead><tr><th scope="col">Quand</th><th scope="col">Rendez-vous</th><th scope="col">Public</th></tr></thead>
            <tbody>
            <tr><td>Mercredi, 14 h</td><td>Webinaire « Prendre en main le cahier de textes »</td><td>Tous</td></tr>
            <tr><td>Jeudi, 17 h</td><td>Atelier « Créer un parcours Pix »</td><td>Enseignants de collège</td></tr>
            <tr><td>Chaque lundi</td><td>Permanence numérique en ligne</td><td>Référents numériques</td></tr>
            </tbody></table>
            <p><a href="https://numerique.ac-entrainement.fr/lettre/12">Lire la lettre en ligne</a></p>
            <p>La délégation académique au numérique</p>
            </body></html>
            """;
    }

    /// <summary>A one-page PDF with Helvetica text (WinAnsi), enough for a viewer to open and show it.</summary>
    private static byte[] Pdf(string title, params string[] lines)
    {
        var content = new StringBuilder();
        content.Append("BT /F1 16 Tf 56 780 Td (").Append(PdfString(title)).Append(") Tj ET\n");
        var y = 750;
        foreach (var line in lines)
        {
            content.Append("BT /F1 11 Tf 56 ").Append(y.ToString(CultureInfo.InvariantCulture))
                .Append(" Td (").Append(PdfString(line)).Append(") Tj ET\n");
            y -= 16;
        }
        var stream = WinAnsi(content.ToString());

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(WinAnsi(s));
        void AddObject(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n%âãÏÓ\n");
        AddObject("<< /Type /Catalog /Pages 2 0 R >>");
        AddObject("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        AddObject("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        AddObject("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        offsets.Add(pdf.Position);
        Write($"5 0 obj\n<< /Length {stream.Length} >>\nstream\n");
        pdf.Write(stream);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static string PdfString(string text) => text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    // Latin-1 covers French letters except a few that WinAnsi keeps elsewhere.
    private static byte[] WinAnsi(string text) => text.Select(c => c switch
    {
        < '\u0080' or (>= '\u00a0' and <= '\u00ff') => (byte)c,
        '€' => (byte)0x80,
        '’' => (byte)0x92,
        '–' => (byte)0x96,
        '—' => (byte)0x97,
        'œ' => (byte)0x9c,
        'Œ' => (byte)0x8c,
        _ => (byte)'?',
    }).ToArray();

    /// <summary>The trip's access map: meadow, lake, road, parking, path and landing stage.</summary>
    private static byte[] AccessMap() => Png(240, 160, (x, y) =>
    {
        var lake = Math.Pow((x - 165) / 62.0, 2) + Math.Pow((y - 62) / 42.0, 2) <= 1;
        var marker = Math.Pow(x - 106, 2) + Math.Pow(y - 48, 2) <= 25;
        return (x, y) switch
        {
            _ when marker => (0xc0, 0x1f, 0x1f),
            _ when x is >= 100 and < 113 && y is >= 56 and < 63 => (0x6b, 0x45, 0x22),
            _ when lake => (0x7f, 0xb3, 0xd5),
            _ when x is >= 50 and < 80 && y >= 140 && y < 158 => (0x1f, 0x4e, 0x79),
            _ when y is >= 128 and < 137 => (0x9a, 0x9a, 0x9a),
            _ when x is >= 103 and < 109 && y is >= 63 and < 128 => (0xc8, 0xa0, 0x6e),
            _ => (0xdf, 0xec, 0xcf),
        };
    });

    /// <summary>The choir from the back of the room: a lit stage and rows of heads, no face.</summary>
    private static byte[] ChoirPicture() => Png(160, 100, (x, y) =>
    {
        for (var row = 0; row < 2; row++)
        {
            var cy = 62 + row * 18;
            for (var cx = 10 + row * 9; cx < 160; cx += 18)
            {
                if (Math.Pow(x - cx, 2) + Math.Pow(y - cy, 2) <= 49)
                {
                    return (0x2b + row * 16, 0x22, 0x1c);
                }
            }
        }
        return y < 70
            ? (0xf2 - y, 0xc8 - y / 2, 0x7a + y)
            : (0x5a, 0x3a, 0x2a);
    });

    private static byte[] Png(int width, int height, Func<int, int, (int R, int G, int B)> pixel)
    {
        var scanlines = new byte[height * (width * 3 + 1)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            scanlines[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                scanlines[i++] = (byte)r;
                scanlines[i++] = (byte)g;
                scanlines[i++] = (byte)b;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(scanlines);
        }

        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bits per sample
        header[9] = 2; // truecolour RGB

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        PngChunk(png, "IHDR", header);
        PngChunk(png, "IDAT", compressed.ToArray());
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void PngChunk(Stream png, string type, byte[] data)
    {
        var bytes = new byte[12 + data.Length];
        WriteBigEndian(bytes, 0, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, 0, 4, bytes, 4);
        data.CopyTo(bytes, 8);
        WriteBigEndian(bytes, 8 + data.Length, Crc32(bytes.AsSpan(4, 4 + data.Length)));
        png.Write(bytes);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);

    // PNG's CRC-32 (ISO-HDLC), bit by bit: a few kilobytes once at first start do not need a table.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}

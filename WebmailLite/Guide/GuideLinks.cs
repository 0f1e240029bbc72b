namespace WebmailLite.Guide;

/// <summary>
/// The steps of the guide that app pages link to, where people get stuck (WCAG 3.3.5 help in context).
/// Ids are written explicitly in the Markdown (<c>{#id}</c>) so that they stay the same in every language;
/// a test renders the guide and fails if one of these does not resolve.
/// </summary>
public static class GuideLinks
{
    public const string Home = "/aide";

    public const string SignIn = "/aide/se-connecter";
    public const string SignInShared = "/aide/se-connecter#ordinateur-partage-ou-personnel";

    public const string Refused = "/aide/acces-refuse";
    public const string Unreachable = "/aide/acces-refuse#connexion-instable";
    public const string Maintenance = "/aide/acces-refuse#maintenance";
    public const string BadCredentials = "/aide/acces-refuse#identifiant-ou-mot-de-passe-incorrect";
    public const string TooManyAttempts = "/aide/acces-refuse#trop-de-tentatives";
    public const string TooManySessions = "/aide/acces-refuse#trop-de-sessions";
    public const string UnknownAccount = "/aide/acces-refuse#compte-inconnu";
    public const string Letter = "/aide/lettre";

    public const string Forgot = "/aide/mot-de-passe-oublie";
    public const string ForgotIdentifier = "/aide/mot-de-passe-oublie#identifiant";
    public const string ForgotChooseMethod = "/aide/mot-de-passe-oublie#choisir-une-methode";
    public const string ForgotByMail = "/aide/mot-de-passe-oublie#code-par-courriel";
    public const string ForgotAssistance = "/aide/mot-de-passe-oublie#assistance-technique";
    public const string ForgotBackup = "/aide/mot-de-passe-oublie#adresse-de-secours";
    public const string Code = "/aide/mot-de-passe-oublie#saisir-le-code";
    public const string CodeNotReceived = "/aide/mot-de-passe-oublie#code-non-recu";
    public const string NewPassword = "/aide/mot-de-passe-oublie#nouveau-mot-de-passe";

    public const string Prepare = "/aide/preparer-son-compte";
    public const string PrepareBackup = "/aide/preparer-son-compte#adresse-de-secours";
    public const string PrepareQuestions = "/aide/preparer-son-compte#questions-personnelles";
    public const string PreparePassword = "/aide/preparer-son-compte#changer-de-mot-de-passe";

    public const string SharedComputer = "/aide/ordinateur-partage";
    public const string Accessibility = "/aide/accessibilite";
}

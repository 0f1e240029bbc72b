using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace WebmailLite.Pages;

/// <summary>
/// The address of every page, in one place: the routing (<see cref="Apply"/>; the pages' <c>@page</c> directives carry
/// no template) and the links (<c>MailUrls</c>, <c>ComposeUrls</c>, <c>SettingsUrls</c>… build on these). Short, in
/// French like the rest of the site, and stable: people bookmark them and the guide links to them.
/// </summary>
public static class PageRoutes
{
    public const string SignIn = "/";
    public const string SignOut = "/deconnexion";
    public const string Error = "/erreur";
    public const string Language = "/langue";

    public const string Inbox = "/courrier";
    public const string Message = "/courrier/message";
    public const string Part = "/courrier/piece";
    public const string Compose = "/courrier/ecrire";
    public const string Outbox = "/courrier/attente";
    public const string CancelSend = "/courrier/attente/annuler";
    public const string Search = "/courrier/recherche";
    public const string Folders = "/courrier/dossiers";
    public const string RenameFolder = "/courrier/dossiers/renommer";
    public const string DeleteFolder = "/courrier/dossiers/supprimer";
    public const string Erase = "/courrier/effacer";
    public const string Empty = "/courrier/vider";
    public const string MarkAllRead = "/courrier/tout-lu";

    public const string Preferences = "/parametres/preferences";
    public const string Contacts = "/contacts";
    public const string ContactForm = "/contacts/fiche";
    public const string ContactDelete = "/contacts/supprimer";
    public const string ContactsImport = "/contacts/importer";
    public const string ContactsExport = "/contacts/exporter";
    public const string ContactSuggestions = "/contacts/suggestions";

    public const string Security = "/parametres/securite";
    public const string Password = "/parametres/securite/mot-de-passe";
    public const string Backup = "/parametres/securite/adresse-de-secours";
    public const string BackupCode = "/parametres/securite/adresse-de-secours/code";
    public const string BackupRemove = "/parametres/securite/adresse-de-secours/retirer";
    public const string Questions = "/parametres/securite/questions";
    public const string RemindLater = "/parametres/securite/plus-tard";

    public const string Recovery = "/mot-de-passe-oublie";
    public const string RecoveryMethod = "/mot-de-passe-oublie/methode";
    public const string RecoveryByMail = "/mot-de-passe-oublie/courriel";
    public const string RecoveryAssistance = "/mot-de-passe-oublie/assistance";
    public const string RecoveryAssistanceSent = "/mot-de-passe-oublie/assistance/envoyee";
    public const string RecoveryQuestion = "/mot-de-passe-oublie/questions/{numero:int:range(1,2)}";
    public const string RecoveryCode = "/mot-de-passe-oublie/code";
    public const string RecoveryNewPassword = "/mot-de-passe-oublie/nouveau-mot-de-passe";
    public const string RecoveryDone = "/mot-de-passe-oublie/termine";

    public const string Desk = "/assistance";
    public const string DeskTicket = "/assistance/demande/{id:int}";

    public const string Guide = "/aide";
    public const string GuideLetter = "/aide/lettre";
    public const string GuideSection = "/aide/{slug}";

    /// <summary>Each page (by its path under Pages/) and its address.</summary>
    public static IReadOnlyDictionary<string, string> ByPage { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Account/SignIn"] = SignIn,
        ["/Account/SignOut"] = SignOut,
        ["/Error"] = Error,
        ["/Language"] = Language,
        ["/Mail/Index"] = Inbox,
        ["/Mail/Message"] = Message,
        ["/Mail/Part"] = Part,
        ["/Mail/Compose"] = Compose,
        ["/Mail/Outbox"] = Outbox,
        ["/Mail/CancelSend"] = CancelSend,
        ["/Mail/Search"] = Search,
        ["/Mail/Folders"] = Folders,
        ["/Mail/RenameFolder"] = RenameFolder,
        ["/Mail/DeleteFolder"] = DeleteFolder,
        ["/Mail/Erase"] = Erase,
        ["/Mail/Empty"] = Empty,
        ["/Mail/MarkAllRead"] = MarkAllRead,
        ["/Settings/Preferences"] = Preferences,
        ["/Contacts/Index"] = Contacts,
        ["/Contacts/Edit"] = ContactForm,
        ["/Contacts/Delete"] = ContactDelete,
        ["/Contacts/Import"] = ContactsImport,
        ["/Contacts/Export"] = ContactsExport,
        ["/Contacts/Suggestions"] = ContactSuggestions,
        ["/Settings/Security"] = Security,
        ["/Settings/ChangePassword"] = Password,
        ["/Settings/BackupAddress"] = Backup,
        ["/Settings/BackupCode"] = BackupCode,
        ["/Settings/RemoveBackup"] = BackupRemove,
        ["/Settings/Questions"] = Questions,
        ["/Settings/RemindLater"] = RemindLater,
        ["/Recovery/Index"] = Recovery,
        ["/Recovery/Method"] = RecoveryMethod,
        ["/Recovery/ByMail"] = RecoveryByMail,
        ["/Recovery/Assistance"] = RecoveryAssistance,
        ["/Recovery/AssistanceSent"] = RecoveryAssistanceSent,
        ["/Recovery/Question"] = RecoveryQuestion,
        ["/Recovery/Code"] = RecoveryCode,
        ["/Recovery/NewPassword"] = RecoveryNewPassword,
        ["/Recovery/Done"] = RecoveryDone,
        ["/Assistance/Index"] = Desk,
        ["/Assistance/Ticket"] = DeskTicket,
        ["/Guide/Index"] = Guide,
        ["/Guide/Letter"] = GuideLetter,
        ["/Guide/Section"] = GuideSection,
    };

    /// <summary>
    /// Gives every page its address from <see cref="ByPage"/>, replacing the default ones (folder and file name), so
    /// that a page is reachable at one address only. A page missing from the table fails at start, naming it.
    /// </summary>
    public static void Apply(PageConventionCollection conventions) =>
        conventions.Add(new RouteTable());

    private sealed class RouteTable : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            if (!ByPage.TryGetValue(model.ViewEnginePath, out var route))
            {
                throw new InvalidOperationException($"The page {model.ViewEnginePath} has no address in PageRoutes.ByPage.");
            }
            model.Selectors.Clear();
            model.Selectors.Add(new SelectorModel { AttributeRouteModel = new AttributeRouteModel { Template = route.TrimStart('/') } });
        }
    }
}

using WebmailLite.Recovery.Enrolment;

namespace WebmailLite;

/// <summary>
/// Marker for the texts of « Sécurité du compte » (backup address, personal questions, changing the password) and of
/// « Préférences »:
/// <c>Resources/SettingsText.resx</c> (French, the neutral language) and <c>Resources/SettingsText.en.resx</c>.
/// Keys built from an enum are built here, and only here, so that <c>ResourceKeysTests</c> checks every value.
/// </summary>
public sealed class SettingsText
{
    /// <summary>
    /// Why a personal question was refused: « Err_Q_AnswerMissing », formatted with the question's number ({0}) and,
    /// for the length rules, the limit ({1}).
    /// </summary>
    public static string QuestionError(QuestionIssue issue) => "Err_Q_" + issue;
}

using WebmailLite.Recovery;

namespace WebmailLite;

/// <summary>
/// Marker for the texts of the recovery pages and the assistance desk: <c>Resources/RecoveryText.resx</c> (French)
/// and <c>.en.resx</c>. Keys built from an enum are built here, and only here, so that <c>ResourceKeysTests</c>
/// checks every value of the enum against both languages with the same format.
/// </summary>
public sealed class RecoveryText
{
    /// <summary>A line of a ticket's history on the desk: « Code donné ».</summary>
    public static string TicketHistory(TicketEventKind what) => "Ticket_" + what;

    /// <summary>What an audit entry records, on the desk: « Code demandé ».</summary>
    public static string Audit(AuditEvent what) => "Audit_" + what;

    /// <summary>How an audit entry's person went about it, on the desk: « assistance technique ».</summary>
    public static string MethodName(RecoveryMethod method) => "MethodName_" + method;

    /// <summary>How an audit entry ended, on the desk: « réussi ».</summary>
    public static string Outcome(AuditOutcome outcome) => "Outcome_" + outcome;
}

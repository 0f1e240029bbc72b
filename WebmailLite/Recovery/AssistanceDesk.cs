using Microsoft.Extensions.Options;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery;

/// <summary>
/// The assistance desk (method 2): agents listed in <c>Recovery:AssistanceAgents</c> check a person's identity by
/// phone (the NUMEN is asked there, never online), record how, and issue a code shown once to read out.
/// </summary>
public sealed class AssistanceDesk(
    IAssistanceTicketStore tickets,
    IRecoveryCodeStore codes,
    IRecoveryAudit audit,
    IAccountDirectory directory,
    IOptions<RecoveryOptions> options)
{
    private readonly RecoveryOptions _options = options.Value;

    public bool IsAgent(string identifier) => _options.IsAgent(identifier);

    public IReadOnlyList<AssistanceTicket> List(bool open) => tickets.List(open);

    public AssistanceTicket? Find(int id) => tickets.Find(id);

    public Task<string?> AccountOfAsync(AssistanceTicket ticket, CancellationToken cancellationToken) =>
        directory.CanonicalIdentifierAsync(ticket.Identifier, cancellationToken);

    /// <summary>
    /// The name, school and state the académie's directory holds for the ticket's identifier, so the agent can check
    /// what the caller says (never the NUMEN: the directory does not hold it); <c>null</c> without a directory.
    /// </summary>
    public Task<DirectoryPerson?> PersonOfAsync(AssistanceTicket ticket, CancellationToken cancellationToken) =>
        directory.PersonAsync(ticket.Identifier, cancellationToken);

    public IReadOnlyList<AuditEntry> AuditOf(AssistanceTicket ticket) => audit.For(ticket.Identifier, 50);

    /// <summary>
    /// Issues the code for a ticket whose identifier is a real account, after the agent wrote how identity was
    /// checked. Returns the code (shown once), or <c>null</c> when there is no such account.
    /// </summary>
    public async Task<string?> IssueCodeAsync(AssistanceTicket ticket, string agent, string identityCheck, CancellationToken cancellationToken)
    {
        if (await directory.CanonicalIdentifierAsync(ticket.Identifier, cancellationToken) is not { } account)
        {
            return null;
        }
        tickets.Add(ticket, TicketEventKind.IdentityChecked, agent, identityCheck.Trim());
        var code = codes.Issue(account, CodePurpose.PasswordReset, RecoveryMethod.Assistance, _options.AgentCodeLifetime);
        tickets.Add(ticket, TicketEventKind.CodeIssued, agent);
        audit.Record(account, AuditEvent.CodeIssued, RecoveryMethod.Assistance, AuditOutcome.Success, actor: agent, detail: identityCheck.Trim());
        return code;
    }

    /// <summary>Closes the request and revokes any code the desk gave for it that was not used yet (a caller found to be an impostor).</summary>
    public void Close(AssistanceTicket ticket, string agent, string? note)
    {
        codes.KillIssuedBy(ticket.Identifier, CodePurpose.PasswordReset, RecoveryMethod.Assistance);
        tickets.Add(ticket, TicketEventKind.Closed, agent, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        audit.Record(ticket.Identifier, AuditEvent.TicketClosed, RecoveryMethod.Assistance, AuditOutcome.Success, actor: agent);
    }

    public void Reopen(AssistanceTicket ticket, string agent)
    {
        tickets.Add(ticket, TicketEventKind.Reopened, agent);
        audit.Record(ticket.Identifier, AuditEvent.TicketReopened, RecoveryMethod.Assistance, AuditOutcome.Success, actor: agent);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Recovery;

/// <summary>
/// The forgotten-password journey (« m'auto dépanner »): three ways to a first code, then a new password.
/// Every method answers the same whatever the identifier: known or not, enrolled or not, the person reads
/// « Si un compte correspond… » and the timing does not differ (mail leaves in the background, answers are
/// always hashed). What the person cannot see, the audit trail records.
/// </summary>
public sealed class RecoveryService(
    IAccountDirectory directory,
    RecoveryCodeStore codes,
    ResetGrantStore grants,
    EnrolmentStore enrolments,
    AnswerHasher answers,
    AssistanceTicketStore tickets,
    RecoveryThrottle throttle,
    RecoveryAudit audit,
    RecoveryMailer mailer,
    PasswordPolicy policy,
    SuggestedQuestions suggested,
    RecoverySecret secret,
    MailSessionManager sessions,
    TimeProvider time,
    IOptions<RecoveryOptions> options,
    ILogger<RecoveryService> logger)
{
    private static readonly string[] DecoyDomains =
        ["laposte.net", "orange.fr", "gmail.com", "free.fr", "sfr.fr", "wanadoo.fr", "hotmail.fr", "yahoo.fr"];

    private readonly RecoveryOptions _options = options.Value;

    public TimeSpan WaitBefore(RecoveryStep step, string? identifier, IPAddress? address) =>
        throttle.WaitBefore(step, identifier, address);

    public void RecordAttempt(RecoveryStep step, string? identifier, IPAddress? address) =>
        throttle.Record(step, identifier, address);

    /// <summary>
    /// Method 1: sends a code to the contact address the administration holds. Returns the address to show,
    /// masked — a plausible decoy when there is no account or no address, so the page cannot tell.
    /// </summary>
    public async Task<string> SendContactCodeAsync(string identifier, IPAddress? address, CancellationToken cancellationToken)
    {
        throttle.Record(RecoveryStep.CodeRequest, identifier, address);
        var contact = await directory.ContactAddressAsync(identifier, cancellationToken);
        if (contact is null)
        {
            var known = await directory.CanonicalIdentifierAsync(identifier, cancellationToken);
            audit.Record(known ?? identifier, AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.NothingToDo);
            DecoyStoreWork(identifier);
            return DecoyMask(identifier);
        }
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        var code = codes.Issue(canonical, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, _options.MailCodeLifetime);
        mailer.Send(contact, "ResetCode", code, Minutes(_options.MailCodeLifetime), canonical);
        audit.Record(canonical, AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        return Mask(contact);
    }

    /// <summary>Method 3, first step: the two questions to ask — the person's own, or the same two decoys every time.</summary>
    public IReadOnlyList<string> QuestionsFor(string identifier)
    {
        var enrolment = enrolments.Find(identifier);
        if (enrolment is { HasQuestions: true })
        {
            return [suggested.Display(enrolment.Questions[0].Text), suggested.Display(enrolment.Questions[1].Text)];
        }
        // Self-written questions can never be among the decoys: only the list's, by key, in the visitor's language.
        var list = suggested.All;
        var pick = secret.Mac(Encoding.UTF8.GetBytes("decoy-questions"), Encoding.UTF8.GetBytes(Mail.Owner.Of(identifier)));
        var first = pick[0] % list.Count;
        var second = (first + 1 + pick[1] % (list.Count - 1)) % list.Count;
        return [list[first], list[second]];
    }

    /// <summary>Checks one answer (always a full hash, even without an enrolment).</summary>
    public bool CheckAnswer(string identifier, int index, string? answer)
    {
        var enrolment = enrolments.Find(identifier);
        var stored = enrolment is { HasQuestions: true } ? enrolment.Questions[index].Answer : null;
        return answers.Matches(answer, stored);
    }

    /// <summary>
    /// Method 3, last step: when both answers were right and a backup address is registered, a code goes to it.
    /// Questions are only a second factor: they never open the account by themselves.
    /// </summary>
    public async Task SendBackupCodeAsync(string identifier, bool bothAnswersRight, IPAddress? address, CancellationToken cancellationToken)
    {
        throttle.Record(RecoveryStep.CodeRequest, identifier, address);
        var enrolment = enrolments.Find(identifier);
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken);
        if (!bothAnswersRight)
        {
            throttle.Record(RecoveryStep.WrongAnswers, identifier, address);
            audit.Record(canonical ?? identifier, AuditEvent.AnswersChecked, RecoveryMethod.BackupAddress, AuditOutcome.Failure);
            return;
        }
        if (canonical is null || enrolment?.BackupAddress is not { } backup)
        {
            audit.Record(canonical ?? identifier, AuditEvent.CodeRequested, RecoveryMethod.BackupAddress, AuditOutcome.NothingToDo);
            DecoyStoreWork(identifier);
            return;
        }
        var code = codes.Issue(canonical, CodePurpose.PasswordReset, RecoveryMethod.BackupAddress, _options.MailCodeLifetime);
        mailer.Send(backup, "ResetCode", code, Minutes(_options.MailCodeLifetime), canonical);
        audit.Record(canonical, AuditEvent.CodeRequested, RecoveryMethod.BackupAddress, AuditOutcome.Success);
    }

    /// <summary>Method 2: a request to the desk. A ticket is opened for any identifier: the desk sees whether it matches an account.</summary>
    public async Task OpenTicketAsync(string identifier, string howToReach, string? message, IPAddress? address, CancellationToken cancellationToken)
    {
        throttle.Record(RecoveryStep.AssistanceRequest, identifier, address);
        tickets.Open(identifier, howToReach, message);
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        audit.Record(canonical, AuditEvent.TicketOpened, RecoveryMethod.Assistance, AuditOutcome.Success);
    }

    /// <summary>
    /// The code page: a right code is consumed and exchanged for a reset grant (token for the browser);
    /// anything else counts a try. The page shows one message for wrong, expired and spent codes.
    /// </summary>
    public async Task<CodeOutcome> CheckCodeAsync(string identifier, string? typed, IPAddress? address, CancellationToken cancellationToken)
    {
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        var check = codes.Check(canonical, CodePurpose.PasswordReset, typed ?? "");
        if (!check.IsValid)
        {
            throttle.Record(RecoveryStep.WrongCode, null, address);
            // Recorded whether or not the account exists: the same writes either way, and the desk sees attacks on unknown names too.
            audit.Record(canonical, AuditEvent.CodeChecked, null, AuditOutcome.Failure, detail: check.Status.ToString());
            return new CodeOutcome(check.Status, null);
        }
        audit.Record(canonical, AuditEvent.CodeChecked, check.Method, AuditOutcome.Success);
        return new CodeOutcome(CodeCheckStatus.Valid, grants.Create(canonical, check.Method!.Value, _options.ResetGrantLifetime));
    }

    /// <summary>Whether the browser's grant still allows choosing a new password.</summary>
    public bool HasGrant(string identifier, string? grantToken) => grants.Find(grantToken, identifier) is not null;

    /// <summary>
    /// Sets the new password with a grant: policy first, then the directory, then every session of the account is
    /// ended, the codes killed, and the account and backup addresses told.
    /// </summary>
    public async Task<ResetOutcome> ResetPasswordAsync(string identifier, string? grantToken, string? newPassword, CancellationToken cancellationToken)
    {
        var grant = grants.Find(grantToken, identifier);
        if (grant is null)
        {
            return ResetOutcome.NoGrant;
        }
        if (policy.Check(newPassword, identifier) is { } problem)
        {
            return new ResetOutcome(ResetStatus.Refused, problem);
        }
        if (!grants.Consume(grant))
        {
            return ResetOutcome.NoGrant;
        }
        var method = grant.Method;
        // Mails and the audit name the account as the directory spells it, not as it was typed.
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        bool written;
        try
        {
            written = await directory.SetPasswordAsync(canonical, newPassword!, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            // The directory could not be written (locked, permissions): nothing changed, the grant is given back.
            grants.Restore(grant);
            logger.LogError("A password could not be written to the account directory: {Error}", ex.GetType().Name);
            return ResetOutcome.Failed;
        }
        if (!written)
        {
            return ResetOutcome.NoGrant;
        }
        await AfterPasswordChangeAsync(canonical, method, keepSessionId: null, cancellationToken);
        return ResetOutcome.Changed;
    }

    /// <summary>What follows any password change (also « Changer le mot de passe » when signed in).</summary>
    public async Task AfterPasswordChangeAsync(string identifier, RecoveryMethod method, string? keepSessionId, CancellationToken cancellationToken)
    {
        codes.KillAll(identifier, CodePurpose.PasswordReset);
        grants.RemoveAll(identifier);
        await sessions.EndAllForAsync(identifier, keepSessionId);
        audit.Record(identifier, AuditEvent.PasswordChanged, method, AuditOutcome.Success);
        var when = time.GetUtcNow().ToString("dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var methodText = new MailText(RecoveryMail.Method(method));
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "PasswordChanged", identifier, when, methodText);
        }
        if (enrolments.Find(identifier)?.BackupAddress is { } backup)
        {
            mailer.Send(backup, "PasswordChanged", identifier, when, methodText);
        }
    }

    /// <summary>
    /// « Jean.Dupont@laposte.net » → « j•••@laposte.net ». A domain outside the common ones is masked whole
    /// (« j•••@••• »), and so is a first character that is not a letter: a rare domain or a digit would stand out
    /// from the decoys and betray the account.
    /// </summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "•••";
        }
        var first = char.IsAsciiLetter(address[0]) ? char.ToLowerInvariant(address[0]) : '•';
        var domain = address[(at + 1)..].ToLowerInvariant();
        return first + "•••@" + (DecoyDomains.Contains(domain) ? domain : "•••");
    }

    /// <summary>Same shapes as <see cref="Mask"/>: a common domain, or a masked one, chosen by a keyed hash (stable per identifier).</summary>
    private string DecoyMask(string identifier)
    {
        var owner = Mail.Owner.Of(identifier);
        var pick = secret.Mac(Encoding.UTF8.GetBytes("decoy-mask"), Encoding.UTF8.GetBytes(owner));
        var first = owner.FirstOrDefault(char.IsAsciiLetterLower);
        var letter = first == default ? (char)('a' + pick[1] % 26) : first;
        string[] shapes = [.. DecoyDomains, "•••", "•••"];
        return letter + "•••@" + shapes[pick[0] % shapes.Length];
    }

    /// <summary>
    /// The database writes a real code costs (kill the previous one, store the new one), done under a key no
    /// identifier can have — with the audit entry every path writes, the answer for nobody takes as long as for
    /// somebody. The decoy code can never be typed (no journey carries its key) and expires like any other.
    /// </summary>
    private void DecoyStoreWork(string identifier)
    {
        var decoy = "decoy:" + Convert.ToHexString(secret.Mac(Encoding.UTF8.GetBytes("decoy-owner"), Encoding.UTF8.GetBytes(Mail.Owner.Of(identifier))));
        codes.Issue(decoy, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, _options.MailCodeLifetime);
    }

    private static int Minutes(TimeSpan lifetime) => (int)Math.Round(lifetime.TotalMinutes);
}

public sealed record CodeOutcome(CodeCheckStatus Status, string? GrantToken);

public enum ResetStatus
{
    Changed,
    Refused,

    /// <summary>No valid grant (expired, used in another tab): the person starts again from the code.</summary>
    NoGrant,

    /// <summary>The directory could not be written; nothing changed and the person may try again.</summary>
    Failed,
}

public sealed record ResetOutcome(ResetStatus Status, PasswordProblem? Problem = null)
{
    public static ResetOutcome Changed { get; } = new(ResetStatus.Changed);
    public static ResetOutcome NoGrant { get; } = new(ResetStatus.NoGrant);
    public static ResetOutcome Failed { get; } = new(ResetStatus.Failed);
}

using System.Globalization;
using System.Net;
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
    IRecoveryCodeStore codes,
    IResetGrantStore grants,
    IEnrolmentStore enrolments,
    AnswerHasher answers,
    IAssistanceTicketStore tickets,
    RecoveryThrottle throttle,
    IRecoveryAudit audit,
    RecoveryMailer mailer,
    PasswordPolicy policy,
    SuggestedQuestions suggested,
    RecoverySecret secret,
    MailSessionManager sessions,
    TimeProvider time,
    IOptions<RecoveryOptions> options,
    ILogger<RecoveryService> logger)
{
    /// <summary>Domains common enough to be shown in a mask: each one is shared by thousands of people.</summary>
    private static readonly string[] ShownDomains =
        ["laposte.net", "orange.fr", "gmail.com", "free.fr", "sfr.fr", "wanadoo.fr", "hotmail.fr", "yahoo.fr"];

    private readonly RecoveryOptions _options = options.Value;

    /// <summary>
    /// Method 1: sends a code to the contact address the administration holds, unless too many were asked lately.
    /// Answers the address to show, masked — a plausible decoy when there is no account or no address, so the page
    /// cannot tell — no sooner than the response floor.
    /// </summary>
    public async Task<ContactCodeOutcome> SendContactCodeAsync(string identifier, IPAddress? address, CancellationToken cancellationToken)
    {
        var wait = throttle.WaitBefore(RecoveryStep.CodeRequest, identifier, address);
        if (wait > TimeSpan.Zero)
        {
            return new ContactCodeOutcome(null, wait);
        }
        var masked = await ResponseFloor.ApplyAsync(_options.MinimumResponseTime, () => IssueContactCodeAsync(identifier, address, cancellationToken));
        return new ContactCodeOutcome(masked);
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
        var pick = secret.Mac("decoy-questions", Mail.Owner.Of(identifier));
        var first = pick[0] % list.Count;
        var second = (first + 1 + pick[1] % (list.Count - 1)) % list.Count;
        return [list[first], list[second]];
    }

    /// <summary>
    /// Method 3: the answer to question <paramref name="number"/> (1 or 2). Nothing says whether it was right: after
    /// question 2, when both answers were right and a backup address is registered, a code goes to it — questions are
    /// only a second factor, they never open the account by themselves. Question 2 answers no sooner than the floor.
    /// </summary>
    /// <param name="firstAnswerRight">Question 2: whether the answer to question 1 was right (kept by the journey).</param>
    public async Task<AnswerOutcome> AnswerQuestionAsync(string identifier, int number, string answer, bool firstAnswerRight, IPAddress? address, CancellationToken cancellationToken)
    {
        // Checked before hashing: a blocked guesser costs no CPU and learns nothing.
        var wait = Longest(
            throttle.WaitBefore(RecoveryStep.WrongAnswers, identifier, address),
            throttle.WaitBefore(RecoveryStep.CodeRequest, identifier, address),
            throttle.WaitBefore(RecoveryStep.AnswerCheck, null, address));
        if (wait > TimeSpan.Zero)
        {
            return new AnswerOutcome(false, wait);
        }
        // Every answer costs a slow hash: counted per address, so replaying question 1 cannot burn the server's CPU.
        throttle.Record(RecoveryStep.AnswerCheck, null, address);
        var right = CheckAnswer(identifier, number - 1, answer);
        if (number == 1)
        {
            return new AnswerOutcome(right);
        }
        var both = firstAnswerRight && right;
        await ResponseFloor.ApplyAsync(_options.MinimumResponseTime, () => SendBackupCodeAsync(identifier, both, address, cancellationToken));
        return new AnswerOutcome(both);
    }

    /// <summary>
    /// Method 2: a request to the desk, unless too many were sent lately. A ticket is opened for any identifier: the
    /// desk sees whether it matches an account. Answers no sooner than the floor.
    /// </summary>
    public async Task<TicketOutcome> OpenTicketAsync(string identifier, string howToReach, string? message, IPAddress? address, CancellationToken cancellationToken)
    {
        var wait = throttle.WaitBefore(RecoveryStep.AssistanceRequest, identifier, address);
        if (wait > TimeSpan.Zero)
        {
            return new TicketOutcome(wait);
        }
        return await ResponseFloor.ApplyAsync(_options.MinimumResponseTime, async () =>
        {
            throttle.Record(RecoveryStep.AssistanceRequest, identifier, address);
            tickets.Open(identifier, howToReach, message);
            var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
            audit.Record(canonical, AuditEvent.TicketOpened, RecoveryMethod.Assistance, AuditOutcome.Success);
            return TicketOutcome.Opened;
        });
    }

    /// <summary>
    /// The code page: a right code is consumed and exchanged for a reset grant (token for the browser); a wrong one
    /// counts a try. Wrong, expired and spent codes are one answer. Too many wrong codes from the address lately, or a
    /// code that cannot be one (empty, not 8 digits), and nothing is checked. A checked code answers no sooner than the floor.
    /// </summary>
    public async Task<CodeOutcome> CheckCodeAsync(string identifier, string? typed, IPAddress? address, CancellationToken cancellationToken)
    {
        var wait = throttle.WaitBefore(RecoveryStep.WrongCode, null, address);
        if (wait > TimeSpan.Zero)
        {
            return new CodeOutcome(CodeStepStatus.TooManyAttempts, Wait: wait);
        }
        if (RecoveryCode.Normalize(typed) is null)
        {
            return new CodeOutcome(string.IsNullOrWhiteSpace(typed) ? CodeStepStatus.Missing : CodeStepStatus.BadFormat);
        }
        return await ResponseFloor.ApplyAsync(_options.MinimumResponseTime, () => ExchangeCodeAsync(identifier, typed!, address, cancellationToken));
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
        catch (DirectoryPasswordRefusedException refused)
        {
            // The directory's own policy (e.g. a password used recently): the person chooses another with the same grant.
            grants.Restore(grant);
            audit.Record(canonical, AuditEvent.PasswordChanged, method, AuditOutcome.Failure, detail: "DirectoryPolicy:" + refused.Problem);
            return new ResetOutcome(ResetStatus.Refused, refused.Problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or TimeoutException or DirectoryUnavailableException)
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
    /// (« j•••@••• »), and so is a first character that is not a letter: a rare domain or a single person's digit would
    /// make a mask nearly unique. Decoys are such masks of real addresses (<see cref="DecoyMasks"/>).
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
        return first + "•••@" + (ShownDomains.Contains(domain) ? domain : "•••");
    }

    private async Task<string> IssueContactCodeAsync(string identifier, IPAddress? address, CancellationToken cancellationToken)
    {
        throttle.Record(RecoveryStep.CodeRequest, identifier, address);
        var contact = await directory.ContactAddressAsync(identifier, cancellationToken);
        if (contact is null)
        {
            var known = await directory.CanonicalIdentifierAsync(identifier, cancellationToken);
            audit.Record(known ?? identifier, AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.NothingToDo);
            DecoyStoreWork(identifier);
            return DecoyMasks.For(secret, Mail.Owner.Of(identifier), await directory.ContactAddressesAsync(cancellationToken));
        }
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        var code = codes.Issue(canonical, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, _options.MailCodeLifetime);
        mailer.Send(contact, "ResetCode", code, Minutes(_options.MailCodeLifetime), canonical);
        audit.Record(canonical, AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        return Mask(contact);
    }

    /// <summary>Checks one answer (always a full hash, even without an enrolment).</summary>
    private bool CheckAnswer(string identifier, int index, string? answer)
    {
        var enrolment = enrolments.Find(identifier);
        var stored = enrolment is { HasQuestions: true } ? enrolment.Questions[index].Answer : null;
        return answers.Matches(answer, stored);
    }

    private async Task SendBackupCodeAsync(string identifier, bool bothAnswersRight, IPAddress? address, CancellationToken cancellationToken)
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

    private async Task<CodeOutcome> ExchangeCodeAsync(string identifier, string typed, IPAddress? address, CancellationToken cancellationToken)
    {
        var canonical = await directory.CanonicalIdentifierAsync(identifier, cancellationToken) ?? identifier;
        var check = codes.Check(canonical, CodePurpose.PasswordReset, typed);
        if (!check.IsValid)
        {
            throttle.Record(RecoveryStep.WrongCode, null, address);
            // Recorded whether or not the account exists: the same writes either way, and the desk sees attacks on unknown names too.
            audit.Record(canonical, AuditEvent.CodeChecked, null, AuditOutcome.Failure, detail: check.Status.ToString());
            return new CodeOutcome(CodeStepStatus.Refused);
        }
        audit.Record(canonical, AuditEvent.CodeChecked, check.Method, AuditOutcome.Success);
        return new CodeOutcome(CodeStepStatus.Granted, grants.Create(canonical, check.Method!.Value, _options.ResetGrantLifetime));
    }

    /// <summary>
    /// The database writes a real code costs (kill the previous one, store the new one), done under a key no
    /// identifier can have — with the audit entry every path writes, the answer for nobody takes as long as for
    /// somebody. The decoy code can never be typed (no journey carries its key) and expires like any other.
    /// </summary>
    private void DecoyStoreWork(string identifier)
    {
        var decoy = "decoy:" + Convert.ToHexString(secret.Mac("decoy-owner", Mail.Owner.Of(identifier)));
        codes.Issue(decoy, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, _options.MailCodeLifetime);
    }

    private static int Minutes(TimeSpan lifetime) => (int)Math.Round(lifetime.TotalMinutes);

    private static TimeSpan Longest(params ReadOnlySpan<TimeSpan> waits)
    {
        var longest = TimeSpan.Zero;
        foreach (var wait in waits)
        {
            longest = wait > longest ? wait : longest;
        }
        return longest;
    }
}


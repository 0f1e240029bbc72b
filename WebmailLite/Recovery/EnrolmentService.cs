using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// « Sécurité du compte », for a signed-in person: the backup address (confirmed by a code sent to it), the two
/// personal questions, and changing the password with the current one. Every change is audited and told by mail to
/// the account address (and to the old backup address when that one goes), so that a stolen session cannot quietly
/// prepare a takeover.
/// </summary>
public sealed class EnrolmentService(
    IAccountDirectory directory,
    IMailService mail,
    EnrolmentStore enrolments,
    RecoveryCodeStore codes,
    AnswerHasher answers,
    PasswordPolicy policy,
    RecoveryThrottle throttle,
    AttemptStore attempts,
    SignInThrottle signInThrottle,
    RecoveryAudit audit,
    RecoveryMailer mailer,
    SuggestedQuestions suggested,
    RecoveryService recovery,
    IOptions<RecoveryOptions> options)
{
    /// <summary>The select value for « J'écris ma propre question ».</summary>
    public const string OwnQuestion = "propre";

    public const int MinAnswerLength = 3;
    public const int MaxAnswerLength = 200;
    public const int MinQuestionLength = 10;
    public const int MaxQuestionLength = 200;
    public const int MaxAddressLength = 254;

    private readonly RecoveryOptions _options = options.Value;

    public EnrolmentStore.Enrolment? Find(string identifier) => enrolments.Find(identifier);

    /// <summary>The address waiting for its confirmation code, or <c>null</c> when no live code exists.</summary>
    public string? PendingBackupAddress(string identifier) => codes.LiveTarget(identifier, CodePurpose.ConfirmBackupAddress);

    /// <summary>
    /// Sends a confirmation code to a proposed backup address. Nothing is registered until the code comes back: an
    /// address typed wrong never becomes the way into the account.
    /// </summary>
    public async Task<BackupRequest> RequestBackupAddressAsync(string identifier, string? typed, IPAddress? client, CancellationToken cancellationToken)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new BackupRequest(BackupRequestStatus.Missing);
        }
        if (ParseAddress(text) is not { } address)
        {
            return new BackupRequest(BackupRequestStatus.Invalid);
        }
        var own = await directory.AccountAddressAsync(identifier, cancellationToken);
        if (own is not null && string.Equals(own, address, StringComparison.OrdinalIgnoreCase))
        {
            // The backup address is for when this mailbox cannot be opened: it must be somewhere else.
            return new BackupRequest(BackupRequestStatus.OwnAddress);
        }
        // Per account and client address (RecoveryThrottle), and per recipient: the form must not become a way to
        // send a stream of mails to somebody else's address.
        var wait = throttle.WaitBefore(RecoveryStep.CodeRequest, identifier, client);
        var byRecipient = attempts.Count(RecipientKey(address), _options.Window);
        if (byRecipient.Count >= _options.MaxRequestsPerIdentifier && byRecipient.UntilOldestExpires > wait)
        {
            wait = byRecipient.UntilOldestExpires;
        }
        if (wait > TimeSpan.Zero)
        {
            return new BackupRequest(BackupRequestStatus.TooManyRequests, address, wait);
        }
        throttle.Record(RecoveryStep.CodeRequest, identifier, client);
        attempts.Record(RecipientKey(address));
        var code = codes.Issue(identifier, CodePurpose.ConfirmBackupAddress, RecoveryMethod.SignedIn, _options.MailCodeLifetime, target: address);
        mailer.Send(address, "ConfirmBackup", code, Minutes(_options.MailCodeLifetime), identifier);
        audit.Record(identifier, AuditEvent.BackupAddressRequested, RecoveryMethod.SignedIn, AuditOutcome.Success);
        return new BackupRequest(BackupRequestStatus.Sent, address);
    }

    /// <summary>Registers the address the code was sent to, when the code is right.</summary>
    public async Task<BackupConfirmation> ConfirmBackupAddressAsync(string identifier, string? typed, IPAddress? client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return new BackupConfirmation(BackupConfirmationStatus.Missing);
        }
        var check = codes.Check(identifier, CodePurpose.ConfirmBackupAddress, typed);
        if (!check.IsValid || check.Target is null)
        {
            throttle.Record(RecoveryStep.WrongCode, null, client);
            audit.Record(identifier, AuditEvent.BackupAddressConfirmed, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: check.Status.ToString());
            return new BackupConfirmation(check.Status switch
            {
                CodeCheckStatus.Expired => BackupConfirmationStatus.Expired,
                CodeCheckStatus.Killed => BackupConfirmationStatus.Killed,
                _ => BackupConfirmationStatus.Wrong,
            });
        }
        var address = check.Target;
        var previous = enrolments.Find(identifier)?.BackupAddress;
        enrolments.SetBackupAddress(identifier, address);
        audit.Record(identifier, AuditEvent.BackupAddressConfirmed, RecoveryMethod.SignedIn, AuditOutcome.Success);
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "BackupAdded", identifier, RecoveryService.Mask(address));
        }
        if (previous is not null && !string.Equals(previous, address, StringComparison.OrdinalIgnoreCase))
        {
            mailer.Send(previous, "BackupReplaced", identifier);
        }
        return new BackupConfirmation(BackupConfirmationStatus.Confirmed, address, previous);
    }

    /// <summary>Removes the backup address; <c>false</c> when there was none.</summary>
    public async Task<bool> RemoveBackupAddressAsync(string identifier, CancellationToken cancellationToken)
    {
        if (enrolments.Find(identifier)?.BackupAddress is not { } previous)
        {
            return false;
        }
        enrolments.SetBackupAddress(identifier, null);
        // A code still on its way to a new address would otherwise register it after the person removed everything.
        codes.KillAll(identifier, CodePurpose.ConfirmBackupAddress);
        audit.Record(identifier, AuditEvent.BackupAddressRemoved, RecoveryMethod.SignedIn, AuditOutcome.Success);
        var masked = RecoveryService.Mask(previous);
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "BackupRemoved", identifier, masked);
        }
        mailer.Send(previous, "BackupRemoved", identifier, masked);
        return true;
    }

    /// <summary>
    /// Checks and saves two questions and their answers. Answers are normalised (case, accents, spaces) then kept
    /// only as a slow salted hash: the person can never be shown them again, and nor can anyone reading the database.
    /// </summary>
    public async Task<IReadOnlyList<QuestionProblem>> SetQuestionsAsync(string identifier, IReadOnlyList<QuestionInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count != 2)
        {
            throw new ArgumentException("Exactly two questions.", nameof(inputs));
        }
        var problems = new List<QuestionProblem>();
        var texts = new string?[2];
        var list = suggested.All;
        for (var i = 0; i < 2; i++)
        {
            var input = inputs[i];
            if (string.IsNullOrWhiteSpace(input.Choice))
            {
                problems.Add(new QuestionProblem(i, QuestionField.Choice, QuestionIssue.ChoiceMissing));
            }
            else if (input.Choice == OwnQuestion)
            {
                var own = Collapse(input.OwnText);
                if (own.Length == 0)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnMissing));
                }
                else if (own.Length < MinQuestionLength)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnTooShort));
                }
                else if (own.Length > MaxQuestionLength)
                {
                    problems.Add(new QuestionProblem(i, QuestionField.Own, QuestionIssue.OwnTooLong));
                }
                else
                {
                    texts[i] = own;
                }
            }
            else if (int.TryParse(input.Choice, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= list.Count)
            {
                texts[i] = list[n - 1];
            }
            else
            {
                problems.Add(new QuestionProblem(i, QuestionField.Choice, QuestionIssue.ChoiceMissing));
            }

            var answer = AnswerHasher.Normalize(input.Answer ?? "");
            if (string.IsNullOrWhiteSpace(input.Answer))
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerMissing));
            }
            else if (input.Answer.Trim().Length > MaxAnswerLength)
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerTooLong));
            }
            else if (answer.Length < MinAnswerLength)
            {
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerTooShort));
            }
            else if (texts[i] is { } question && IsInQuestion(answer, question))
            {
                // An answer printed in the question is no secret: the recovery page shows the question to anybody.
                problems.Add(new QuestionProblem(i, QuestionField.Answer, QuestionIssue.AnswerInQuestion));
            }
        }
        if (texts[0] is { } first && texts[1] is { } second
            && AnswerHasher.Normalize(first) == AnswerHasher.Normalize(second))
        {
            problems.Add(new QuestionProblem(1, inputs[1].Choice == OwnQuestion ? QuestionField.Own : QuestionField.Choice, QuestionIssue.SameQuestion));
        }
        if (problems.Count > 0)
        {
            // In the order of the fields on the page, for the error summary.
            return [.. problems.OrderBy(p => p.Index).ThenBy(p => p.Field)];
        }

        var enrolled = new List<EnrolledQuestion>(2);
        for (var i = 0; i < 2; i++)
        {
            enrolled.Add(EnrolledQuestion.From(texts[i]!, answers.Hash(inputs[i].Answer!)));
        }
        enrolments.SetQuestions(identifier, enrolled);
        audit.Record(identifier, AuditEvent.QuestionsChanged, RecoveryMethod.SignedIn, AuditOutcome.Success);
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "QuestionsChanged", identifier);
        }
        return [];
    }

    /// <summary>
    /// Changes the password of a signed-in person: the current password is checked against the mail server (a wrong
    /// one counts as a failed sign-in, so a borrowed session cannot be used to guess it), the new one against the
    /// policy; then the directory, and what follows every password change (other sessions ended, codes killed,
    /// audit, mails).
    /// </summary>
    public async Task<PasswordChange> ChangePasswordAsync(string identifier, string sessionId, string? current, string? next, IPAddress? client, CancellationToken cancellationToken)
    {
        var problems = new List<PasswordChangeIssue>();
        if (string.IsNullOrEmpty(current))
        {
            problems.Add(PasswordChangeIssue.CurrentMissing);
        }
        var policyProblem = policy.Check(next, identifier);
        if (policyProblem is null && current is not null && next == current)
        {
            problems.Add(PasswordChangeIssue.SameAsCurrent);
        }
        if (problems.Count > 0 || policyProblem is not null)
        {
            return new PasswordChange(PasswordChangeStatus.Refused, problems, policyProblem);
        }

        var wait = signInThrottle.WaitBeforeNextAttempt(identifier, client);
        if (wait > TimeSpan.Zero)
        {
            return new PasswordChange(PasswordChangeStatus.TooManyAttempts, [], null, wait);
        }
        var outcome = await mail.SignInAsync(identifier, current!, cancellationToken);
        if (outcome.Mailbox is not null)
        {
            await outcome.Mailbox.DisposeAsync();
        }
        switch (outcome.Status)
        {
            case SignInStatus.BadCredentials:
                signInThrottle.RecordFailure(identifier, client);
                audit.Record(identifier, AuditEvent.PasswordChanged, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "WrongCurrentPassword");
                return new PasswordChange(PasswordChangeStatus.Refused, [PasswordChangeIssue.CurrentWrong], null);
            case SignInStatus.Unavailable:
                return new PasswordChange(PasswordChangeStatus.Unavailable, [], null);
        }
        signInThrottle.RecordSuccess(identifier);

        if (!await directory.SetPasswordAsync(identifier, next!, cancellationToken))
        {
            audit.Record(identifier, AuditEvent.PasswordChanged, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "DirectoryRefused");
            return new PasswordChange(PasswordChangeStatus.Unavailable, [], null);
        }
        // The other sessions end here; the page then ends this one too (see ChangePasswordModel: the session still
        // holds the old password in memory for IMAP reconnects and SMTP, and signing in again proves the new one).
        await recovery.AfterPasswordChangeAsync(identifier, RecoveryMethod.SignedIn, keepSessionId: sessionId, cancellationToken);
        return new PasswordChange(PasswordChangeStatus.Changed, [], null);
    }

    /// <summary>A plain address (no display name, a dot in the domain), as MimeKit reads it; <c>null</c> otherwise.</summary>
    public static string? ParseAddress(string text)
    {
        if (text.Length > MaxAddressLength || text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1
            || !MailboxAddress.TryParse(text, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name))
        {
            return null;
        }
        var address = mailbox.Address;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || !string.Equals(address, text, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var domain = address[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') ? address : null;
    }

    private static bool IsInQuestion(string normalizedAnswer, string question) =>
        (" " + AnswerHasher.Normalize(question) + " ").Contains(" " + normalizedAnswer + " ", StringComparison.Ordinal);

    private static string Collapse(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string RecipientKey(string address) =>
        "enrolment:backup-to:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())));

    private static int Minutes(TimeSpan lifetime) => (int)Math.Round(lifetime.TotalMinutes);
}

public enum BackupRequestStatus { Sent, Missing, Invalid, OwnAddress, TooManyRequests }

public sealed record BackupRequest(BackupRequestStatus Status, string? Address = null, TimeSpan Wait = default);

public enum BackupConfirmationStatus { Confirmed, Missing, Wrong, Expired, Killed }

public sealed record BackupConfirmation(BackupConfirmationStatus Status, string? Address = null, string? Previous = null);

/// <summary>What the person chose for one question: a number of the suggested list or <see cref="EnrolmentService.OwnQuestion"/>.</summary>
public sealed record QuestionInput(string? Choice, string? OwnText, string? Answer);

public enum QuestionField { Choice, Own, Answer }

public enum QuestionIssue { ChoiceMissing, OwnMissing, OwnTooShort, OwnTooLong, SameQuestion, AnswerMissing, AnswerTooShort, AnswerTooLong, AnswerInQuestion }

/// <param name="Index">0 for « Question 1 », 1 for « Question 2 ».</param>
public sealed record QuestionProblem(int Index, QuestionField Field, QuestionIssue Issue);

public enum PasswordChangeStatus { Changed, Refused, TooManyAttempts, Unavailable }

public enum PasswordChangeIssue { CurrentMissing, CurrentWrong, SameAsCurrent }

/// <param name="Issues">Problems with the current password (and « same as the current one »).</param>
/// <param name="NewPasswordProblem">The policy's reason for refusing the new password.</param>
public sealed record PasswordChange(PasswordChangeStatus Status, IReadOnlyList<PasswordChangeIssue> Issues, PasswordProblem? NewPasswordProblem, TimeSpan Wait = default);

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
    /// <remarks>
    /// Asks for the current password: a session left open on a shared computer must not be enough to register an
    /// address of one's own and reset the password through it days later.
    /// </remarks>
    public async Task<BackupRequest> RequestBackupAddressAsync(string identifier, string? current, string? typed, IPAddress? client, CancellationToken cancellationToken)
    {
        var text = typed?.Trim() ?? "";
        var missing = CurrentPasswordCheck.Before(current);
        if (text.Length == 0)
        {
            return new BackupRequest(BackupRequestStatus.Missing, Current: missing);
        }
        if (ParseAddress(text) is not { } address)
        {
            return new BackupRequest(BackupRequestStatus.Invalid, Current: missing);
        }
        var own = await directory.AccountAddressAsync(identifier, cancellationToken);
        if (own is not null && string.Equals(own, address, StringComparison.OrdinalIgnoreCase))
        {
            // The backup address is for when this mailbox cannot be opened: it must be somewhere else.
            return new BackupRequest(BackupRequestStatus.OwnAddress, Current: missing);
        }
        // Per account and client address (RecoveryThrottle), and per recipient: the form must not become a way to
        // send a stream of mails to somebody else's address. Its own step, not the anonymous journey's CodeRequest:
        // strangers asking codes for this identifier must not stop its owner from adding a backup address.
        var wait = throttle.WaitBefore(RecoveryStep.BackupAddressRequest, identifier, client);
        var byRecipient = attempts.Count(RecipientKey(address), _options.Window);
        if (byRecipient.Count >= _options.MaxRequestsPerIdentifier && byRecipient.UntilOldestExpires > wait)
        {
            wait = byRecipient.UntilOldestExpires;
        }
        if (wait > TimeSpan.Zero)
        {
            return new BackupRequest(BackupRequestStatus.TooManyRequests, address, wait, missing);
        }
        if (missing.Status == CurrentPasswordStatus.Missing)
        {
            return new BackupRequest(BackupRequestStatus.CurrentPasswordRefused, address, Current: missing);
        }
        var check = await CheckCurrentPasswordAsync(identifier, current!, client, AuditEvent.BackupAddressRequested, cancellationToken);
        if (check.Status != CurrentPasswordStatus.Right)
        {
            return new BackupRequest(BackupRequestStatus.CurrentPasswordRefused, address, Current: check);
        }
        throttle.Record(RecoveryStep.BackupAddressRequest, identifier, client);
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
        if (RecoveryCodeStore.Normalize(typed) is null)
        {
            // Seven digits or a letter is a slip, not a guess: it must not burn one of the code's five tries.
            return new BackupConfirmation(BackupConfirmationStatus.BadFormat);
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

    /// <summary>Removes the backup address, with the current password (a borrowed session must not remove it either).</summary>
    public async Task<BackupRemoval> RemoveBackupAddressAsync(string identifier, string? current, IPAddress? client, CancellationToken cancellationToken)
    {
        if (enrolments.Find(identifier)?.BackupAddress is not { } previous)
        {
            return new BackupRemoval(BackupRemovalStatus.NothingToRemove);
        }
        var check = string.IsNullOrEmpty(current)
            ? CurrentPasswordCheck.Before(current)
            : await CheckCurrentPasswordAsync(identifier, current, client, AuditEvent.BackupAddressRemoved, cancellationToken);
        if (check.Status != CurrentPasswordStatus.Right)
        {
            return new BackupRemoval(BackupRemovalStatus.CurrentPasswordRefused, check);
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
        return new BackupRemoval(BackupRemovalStatus.Removed, check);
    }

    /// <summary>
    /// Checks and saves two questions and their answers. Answers are normalised (case, accents, spaces) then kept
    /// only as a slow salted hash: the person can never be shown them again, and nor can anyone reading the database.
    /// The current password is checked last, once everything else is right (a refused form costs no sign-in try).
    /// </summary>
    public async Task<QuestionsChange> SetQuestionsAsync(string identifier, string? current, IReadOnlyList<QuestionInput> inputs, IPAddress? client, CancellationToken cancellationToken)
    {
        if (inputs.Count != 2)
        {
            throw new ArgumentException("Exactly two questions.", nameof(inputs));
        }
        var problems = new List<QuestionProblem>();
        // What is stored: a suggested question by its resource key (« Question_3 »), never its text in the language of
        // the moment. Recovery shows decoy questions in the visitor's language for identifiers it does not know, so a
        // question stored in French would stay French when the language is switched, and tell enrolled accounts
        // apart. A question the person wrote is stored as written: it necessarily differs from the decoys (always
        // suggested ones) whatever the language, which is the price of letting people write their own.
        var stored = new string?[2];
        // The text shown now, to check that the answer is not in it.
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
                else if (IndexOf(list, own) is var k and >= 0)
                {
                    // A suggested question typed out (or pasted) is stored as the suggested one, by its key: stored
                    // as typed, it would stay in this language and stand out from the decoys.
                    stored[i] = SuggestedQuestions.Keys[k];
                    texts[i] = list[k];
                }
                else
                {
                    stored[i] = own;
                    texts[i] = own;
                }
            }
            else if (int.TryParse(input.Choice, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= list.Count)
            {
                stored[i] = SuggestedQuestions.Keys[n - 1];
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
        if (stored[0] is { } first && stored[1] is { } second
            && AnswerHasher.Normalize(first) == AnswerHasher.Normalize(second))
        {
            problems.Add(new QuestionProblem(1, inputs[1].Choice == OwnQuestion ? QuestionField.Own : QuestionField.Choice, QuestionIssue.SameQuestion));
        }
        var check = CurrentPasswordCheck.Before(current);
        if (problems.Count > 0 || check.Status == CurrentPasswordStatus.Missing)
        {
            // In the order of the fields on the page, for the error summary.
            return new QuestionsChange([.. problems.OrderBy(p => p.Index).ThenBy(p => p.Field)], check);
        }
        check = await CheckCurrentPasswordAsync(identifier, current!, client, AuditEvent.QuestionsChanged, cancellationToken);
        if (check.Status != CurrentPasswordStatus.Right)
        {
            return new QuestionsChange([], check);
        }

        var enrolled = new List<EnrolledQuestion>(2);
        for (var i = 0; i < 2; i++)
        {
            enrolled.Add(EnrolledQuestion.From(stored[i]!, answers.Hash(inputs[i].Answer!)));
        }
        enrolments.SetQuestions(identifier, enrolled);
        audit.Record(identifier, AuditEvent.QuestionsChanged, RecoveryMethod.SignedIn, AuditOutcome.Success);
        if (await directory.AccountAddressAsync(identifier, cancellationToken) is { } account)
        {
            mailer.Send(account, "QuestionsChanged", identifier);
        }
        return new QuestionsChange([], check);
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

        var check = await CheckCurrentPasswordAsync(identifier, current!, client, AuditEvent.PasswordChanged, cancellationToken);
        switch (check.Status)
        {
            case CurrentPasswordStatus.TooManyAttempts:
                return new PasswordChange(PasswordChangeStatus.TooManyAttempts, [], null, check.Wait);
            case CurrentPasswordStatus.Wrong:
                return new PasswordChange(PasswordChangeStatus.Refused, [PasswordChangeIssue.CurrentWrong], null);
            case CurrentPasswordStatus.Unavailable:
                return new PasswordChange(PasswordChangeStatus.Unavailable, [], null);
        }

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

    /// <summary>
    /// The current password, checked against the mail server like a sign-in: within the sign-in throttle, a wrong one
    /// counted as a failed sign-in and audited under <paramref name="auditEvent"/>, so that a borrowed session can
    /// neither guess it nor do without it.
    /// </summary>
    private async Task<CurrentPasswordCheck> CheckCurrentPasswordAsync(string identifier, string current, IPAddress? client, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var wait = signInThrottle.WaitBeforeNextAttempt(identifier, client);
        if (wait > TimeSpan.Zero)
        {
            return new CurrentPasswordCheck(CurrentPasswordStatus.TooManyAttempts, wait);
        }
        var outcome = await mail.SignInAsync(identifier, current, cancellationToken);
        if (outcome.Mailbox is not null)
        {
            await outcome.Mailbox.CloseAsync();
        }
        switch (outcome.Status)
        {
            case SignInStatus.BadCredentials:
                signInThrottle.RecordFailure(identifier, client);
                audit.Record(identifier, auditEvent, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "WrongCurrentPassword");
                return new CurrentPasswordCheck(CurrentPasswordStatus.Wrong);
            case SignInStatus.Unavailable:
                return new CurrentPasswordCheck(CurrentPasswordStatus.Unavailable);
        }
        signInThrottle.RecordSuccess(identifier);
        return new CurrentPasswordCheck(CurrentPasswordStatus.Right);
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

    private static int IndexOf(IReadOnlyList<string> list, string question)
    {
        var normalized = AnswerHasher.Normalize(question);
        for (var i = 0; i < list.Count; i++)
        {
            if (AnswerHasher.Normalize(list[i]) == normalized)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether the answer is one word of the question, or several of its words in a row (« Moustache », « chat Moustache »).</summary>
    private static bool IsInQuestion(string normalizedAnswer, string question)
    {
        var words = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.Split('\'', '’', '-', '?', '!', '.', ',', ';', ':'))
            .Select(AnswerHasher.Normalize)
            .Where(w => w.Length > 0)
            .ToList();
        for (var start = 0; start < words.Count; start++)
        {
            var run = "";
            for (var end = start; end < words.Count && run.Length < normalizedAnswer.Length; end++)
            {
                run += words[end];
                if (run == normalizedAnswer)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Collapse(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string RecipientKey(string address) =>
        "enrolment:backup-to:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())));

    private static int Minutes(TimeSpan lifetime) => (int)Math.Round(lifetime.TotalMinutes);
}

public enum CurrentPasswordStatus
{
    /// <summary>Not checked yet: another field was refused first (no sign-in try is spent on a form to redo).</summary>
    NotChecked,
    Right,
    Missing,
    Wrong,
    TooManyAttempts,
    Unavailable,
}

/// <param name="Wait">With <see cref="CurrentPasswordStatus.TooManyAttempts"/>: the wait before the next try.</param>
public sealed record CurrentPasswordCheck(CurrentPasswordStatus Status, TimeSpan Wait = default)
{
    /// <summary>What is known before asking the server: missing, or not checked yet.</summary>
    public static CurrentPasswordCheck Before(string? current) =>
        new(string.IsNullOrEmpty(current) ? CurrentPasswordStatus.Missing : CurrentPasswordStatus.NotChecked);
}

/// <summary><see cref="BackupRequestStatus.CurrentPasswordRefused"/>: the address is fine, <see cref="BackupRequest.Current"/> says what is wrong.</summary>
public enum BackupRequestStatus { Sent, Missing, Invalid, OwnAddress, TooManyRequests, CurrentPasswordRefused }

public sealed record BackupRequest(BackupRequestStatus Status, string? Address = null, TimeSpan Wait = default, CurrentPasswordCheck? Current = null);

public enum BackupRemovalStatus { Removed, NothingToRemove, CurrentPasswordRefused }

public sealed record BackupRemoval(BackupRemovalStatus Status, CurrentPasswordCheck? Current = null);

public enum BackupConfirmationStatus { Confirmed, Missing, BadFormat, Wrong, Expired, Killed }

public sealed record BackupConfirmation(BackupConfirmationStatus Status, string? Address = null, string? Previous = null);

/// <summary>What the person chose for one question: a number of the suggested list or <see cref="EnrolmentService.OwnQuestion"/>.</summary>
public sealed record QuestionInput(string? Choice, string? OwnText, string? Answer);

public enum QuestionField { Choice, Own, Answer }

public enum QuestionIssue { ChoiceMissing, OwnMissing, OwnTooShort, OwnTooLong, SameQuestion, AnswerMissing, AnswerTooShort, AnswerTooLong, AnswerInQuestion }

/// <param name="Index">0 for « Question 1 », 1 for « Question 2 ».</param>
public sealed record QuestionProblem(int Index, QuestionField Field, QuestionIssue Issue);

/// <summary>Saved when there is no problem and the current password was right.</summary>
public sealed record QuestionsChange(IReadOnlyList<QuestionProblem> Problems, CurrentPasswordCheck Current)
{
    public bool Saved => Problems.Count == 0 && Current.Status == CurrentPasswordStatus.Right;
}

public enum PasswordChangeStatus { Changed, Refused, TooManyAttempts, Unavailable }

public enum PasswordChangeIssue { CurrentMissing, CurrentWrong, SameAsCurrent }

/// <param name="Issues">Problems with the current password (and « same as the current one »).</param>
/// <param name="NewPasswordProblem">The policy's reason for refusing the new password.</param>
public sealed record PasswordChange(PasswordChangeStatus Status, IReadOnlyList<PasswordChangeIssue> Issues, PasswordProblem? NewPasswordProblem, TimeSpan Wait = default);

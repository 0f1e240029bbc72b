using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>
/// The backup address of a signed-in person: added only once a code sent to it comes back, removed with the current
/// password. Every change is audited and told by mail to the account address (and to the old backup address when that
/// one goes), so that a stolen session cannot quietly prepare a takeover.
/// </summary>
public sealed class BackupAddressService(
    IAccountDirectory directory,
    IEnrolmentStore enrolments,
    IRecoveryCodeStore codes,
    RecoveryThrottle throttle,
    CurrentPasswordVerifier currentPassword,
    IRecoveryAudit audit,
    RecoveryMailer mailer,
    IOptions<RecoveryOptions> options)
{
    public const int MaxAddressLength = 254;

    private readonly RecoveryOptions _options = options.Value;

    /// <summary>The registered backup address, or <c>null</c>.</summary>
    public string? BackupAddressOf(string identifier) => enrolments.Find(identifier)?.BackupAddress;

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
        // Per account and client address, and per recipient: the form must not become a way to send a stream of mails
        // to somebody else's address. Its own step, not the anonymous journey's CodeRequest: strangers asking codes for
        // this identifier must not stop its owner from adding a backup address.
        var wait = throttle.WaitBeforeBackupCode(identifier, client, address);
        if (wait > TimeSpan.Zero)
        {
            return new BackupRequest(BackupRequestStatus.TooManyRequests, address, wait, missing);
        }
        var check = await currentPassword.CheckAsync(identifier, current, client, AuditEvent.BackupAddressRequested, cancellationToken);
        if (check.Status != CurrentPasswordStatus.Right)
        {
            return new BackupRequest(BackupRequestStatus.CurrentPasswordRefused, address, Current: check);
        }
        throttle.RecordBackupCode(identifier, client, address);
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
        if (RecoveryCode.Normalize(typed) is null)
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
        var check = await currentPassword.CheckAsync(identifier, current, client, AuditEvent.BackupAddressRemoved, cancellationToken);
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

    private static int Minutes(TimeSpan lifetime) => (int)Math.Round(lifetime.TotalMinutes);
}

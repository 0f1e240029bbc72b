using System.Net;
using Microsoft.Extensions.Options;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// The limits of every recovery step (configuration section <c>Recovery</c>), per identifier and per client address,
/// counted by the <see cref="AttemptLimiter"/>; and the limit on codes sent to one backup address.
/// </summary>
public sealed class RecoveryThrottle(AttemptLimiter limiter, IOptions<RecoveryOptions> options)
{
    private readonly RecoveryOptions _options = options.Value;

    /// <summary>The wait before <paramref name="step"/> may be tried again; <see cref="TimeSpan.Zero"/> when allowed.</summary>
    public TimeSpan WaitBefore(RecoveryStep step, string? identifier, IPAddress? address) =>
        limiter.WaitBefore(PolicyOf(step), identifier, address);

    public void Record(RecoveryStep step, string? identifier, IPAddress? address) =>
        limiter.Record(PolicyOf(step), identifier, address);

    /// <summary>
    /// Asking, signed in, for a code to confirm <paramref name="recipient"/> as a backup address: the
    /// <see cref="RecoveryStep.BackupAddressRequest"/> limits, and as many codes per recipient as per identifier, so
    /// that the form cannot become a way to send a stream of mails to somebody else's address.
    /// </summary>
    public TimeSpan WaitBeforeBackupCode(string identifier, IPAddress? address, string recipient)
    {
        var wait = WaitBefore(RecoveryStep.BackupAddressRequest, identifier, address);
        var byRecipient = limiter.WaitBefore(RecipientPolicy, recipient, null);
        return byRecipient > wait ? byRecipient : wait;
    }

    public void RecordBackupCode(string identifier, IPAddress? address, string recipient)
    {
        Record(RecoveryStep.BackupAddressRequest, identifier, address);
        limiter.Record(RecipientPolicy, recipient, null);
    }

    private AttemptPolicy RecipientPolicy => new(_options.Window, new AttemptLimit("enrolment:backup-to:", _options.MaxRequestsPerIdentifier), PerClient: null);

    private AttemptPolicy PolicyOf(RecoveryStep step) => new(
        _options.Window,
        PerIdentifierLimit(step) is { } max ? new AttemptLimit($"recovery:{step}:id:", max) : null,
        new AttemptLimit($"recovery:{step}:ip:", PerAddressLimit(step)));

    private int? PerIdentifierLimit(RecoveryStep step) => step switch
    {
        RecoveryStep.CodeRequest or RecoveryStep.BackupAddressRequest or RecoveryStep.AssistanceRequest => _options.MaxRequestsPerIdentifier,
        RecoveryStep.WrongAnswers => _options.MaxAnswerFailuresPerIdentifier,
        // Wrong codes are limited per code (5 tries kill it) and per address below.
        _ => null,
    };

    private int PerAddressLimit(RecoveryStep step) => step switch
    {
        RecoveryStep.WrongCode or RecoveryStep.WrongAnswers => _options.MaxFailuresPerAddress,
        _ => _options.MaxRequestsPerAddress,
    };
}

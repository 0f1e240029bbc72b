using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// Sliding-window limits on every recovery step, per identifier (hashed: the counter needs no name, and counts
/// unknown identifiers exactly like known ones) and per client address.
/// </summary>
public sealed class RecoveryThrottle(AttemptStore attempts, IOptions<RecoveryOptions> options)
{
    private readonly RecoveryOptions _options = options.Value;

    /// <summary>The wait before <paramref name="step"/> may be tried again; <see cref="TimeSpan.Zero"/> when allowed.</summary>
    public TimeSpan WaitBefore(RecoveryStep step, string? identifier, IPAddress? address)
    {
        var wait = TimeSpan.Zero;
        if (identifier is not null && PerIdentifierLimit(step) is { } limit)
        {
            wait = Max(wait, attempts.Count(IdentifierKey(step, identifier), _options.Window), limit);
        }
        wait = Max(wait, attempts.Count(AddressKey(step, address), _options.Window), PerAddressLimit(step));
        return wait;
    }

    public void Record(RecoveryStep step, string? identifier, IPAddress? address)
    {
        if (identifier is not null && PerIdentifierLimit(step) is not null)
        {
            attempts.Record(IdentifierKey(step, identifier));
        }
        attempts.Record(AddressKey(step, address));
    }

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

    private static TimeSpan Max(TimeSpan wait, WindowCount count, int limit) =>
        count.Count >= limit && count.UntilOldestExpires > wait ? count.UntilOldestExpires : wait;

    private static string IdentifierKey(RecoveryStep step, string identifier) =>
        $"recovery:{step}:id:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Owner.Of(identifier))));

    private static string AddressKey(RecoveryStep step, IPAddress? address) => $"recovery:{step}:ip:" + (address?.ToString() ?? "unknown");
}

public enum RecoveryStep
{
    /// <summary>Any answer to a personal question (each costs a slow hash): counted per client address.</summary>
    AnswerCheck,

    /// <summary>Asking for a code by mail (contact or backup address) or starting a journey.</summary>
    CodeRequest,

    /// <summary>Sending a request to the assistance desk.</summary>
    AssistanceRequest,

    /// <summary>A wrong code typed.</summary>
    WrongCode,

    /// <summary>Wrong answers to the personal questions.</summary>
    WrongAnswers,

    /// <summary>Asking, signed in, for a code to confirm a backup address (same limits as <see cref="CodeRequest"/>).</summary>
    BackupAddressRequest,
}

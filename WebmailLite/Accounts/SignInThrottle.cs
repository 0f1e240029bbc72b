using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Storage;

namespace WebmailLite.Accounts;

/// <summary>
/// Counts failed sign-ins per identifier and per client address. Identifiers are counted whether or not the
/// account exists, so the limit itself reveals nothing; they are stored hashed, since the counter needs no name.
/// </summary>
public sealed class SignInThrottle(AttemptStore attempts, IOptions<SignInThrottleOptions> options)
{
    private readonly SignInThrottleOptions _options = options.Value;

    /// <summary>How long the caller must wait before trying again; <see cref="TimeSpan.Zero"/> when allowed.</summary>
    public TimeSpan WaitBeforeNextAttempt(string identifier, IPAddress? address)
    {
        var byIdentifier = attempts.Count(IdentifierKey(identifier), _options.Window);
        var byAddress = attempts.Count(AddressKey(address), _options.Window);
        var wait = TimeSpan.Zero;
        if (byIdentifier.Count >= _options.MaxFailuresPerIdentifier)
        {
            wait = byIdentifier.UntilOldestExpires;
        }
        if (byAddress.Count >= _options.MaxFailuresPerAddress && byAddress.UntilOldestExpires > wait)
        {
            wait = byAddress.UntilOldestExpires;
        }
        return wait;
    }

    public void RecordFailure(string identifier, IPAddress? address)
    {
        attempts.Record(IdentifierKey(identifier));
        attempts.Record(AddressKey(address));
    }

    /// <summary>A successful sign-in clears the identifier's failures (not the address's: others share it).</summary>
    public void RecordSuccess(string identifier) => attempts.Clear(IdentifierKey(identifier));

    private static string IdentifierKey(string identifier) =>
        "signin:id:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(identifier))));

    private static string AddressKey(IPAddress? address) => "signin:ip:" + (address?.ToString() ?? "unknown");

    /// <summary>The same person typing « CMartin » or « cmartin » is one identifier.</summary>
    public static string Normalize(string identifier) => identifier.Trim().ToLowerInvariant();
}

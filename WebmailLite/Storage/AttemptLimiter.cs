using System.Net;
using WebmailLite.Mail;

namespace WebmailLite.Storage;

/// <summary>
/// Sliding-window attempt limits, one algorithm for every use (sign-in, each recovery step, codes to a recipient); each
/// use brings its <see cref="AttemptPolicy"/>. Names are counted as <see cref="Owner.Of"/> spells them (« CMartin » is
/// « cmartin ») and stored hashed: the counter needs no name, and counts unknown identifiers exactly like known ones.
/// </summary>
public sealed class AttemptLimiter(IAttemptStore attempts)
{
    /// <summary>
    /// How long the caller must wait before trying again: until the oldest counted attempt of every exhausted limit
    /// leaves the window; <see cref="TimeSpan.Zero"/> when allowed. A <c>null</c> <paramref name="name"/> is not counted.
    /// </summary>
    public TimeSpan WaitBefore(AttemptPolicy policy, string? name, IPAddress? client)
    {
        var wait = TimeSpan.Zero;
        foreach (var (key, max) in Counters(policy, name, client))
        {
            var count = attempts.Count(key, policy.Window);
            if (count.Count >= max && count.UntilOldestExpires > wait)
            {
                wait = count.UntilOldestExpires;
            }
        }
        return wait;
    }

    public void Record(AttemptPolicy policy, string? name, IPAddress? client)
    {
        foreach (var (key, _) in Counters(policy, name, client))
        {
            attempts.Record(key);
        }
    }

    /// <summary>Forgets the attempts of one name (not of its client address: others share it).</summary>
    public void Forget(AttemptPolicy policy, string name)
    {
        if (policy.PerName is { } limit)
        {
            attempts.Clear(NameKey(limit, name));
        }
    }

    private static IEnumerable<(string Key, int Max)> Counters(AttemptPolicy policy, string? name, IPAddress? client)
    {
        if (name is not null && policy.PerName is { } perName)
        {
            yield return (NameKey(perName, name), perName.Max);
        }
        if (policy.PerClient is { } perClient)
        {
            yield return (perClient.KeyPrefix + (client?.ToString() ?? "unknown"), perClient.Max);
        }
    }

    private static string NameKey(AttemptLimit limit, string name) => limit.KeyPrefix + HashedKey.Of(Owner.Of(name));
}

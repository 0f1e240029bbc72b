namespace WebmailLite.Recovery;

/// <summary>Method 1's answer: the masked address the code went to (a decoy when there is none), or a wait.</summary>
/// <param name="MaskedAddress"><c>null</c> when nothing was sent because of <paramref name="Wait"/>.</param>
/// <param name="Wait">Too many requests lately: the wait before the next one; <see cref="TimeSpan.Zero"/> otherwise.</param>
public sealed record ContactCodeOutcome(string? MaskedAddress, TimeSpan Wait = default);

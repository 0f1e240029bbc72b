namespace WebmailLite.Storage;

/// <summary>At most <paramref name="Max"/> attempts over the policy's window, counted under keys starting with <paramref name="KeyPrefix"/>.</summary>
/// <param name="KeyPrefix">Names the use in <see cref="IAttemptStore"/> (« signin:id: »): two uses never share a counter.</param>
public sealed record AttemptLimit(string KeyPrefix, int Max);

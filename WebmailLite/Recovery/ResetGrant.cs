using LiteDB;

namespace WebmailLite.Recovery;

/// <summary>A permission to set a new password (<see cref="IResetGrantStore"/>).</summary>
public sealed class ResetGrant
{
    /// <summary>The HMAC of the browser's token (<see cref="KeyOf"/>), never the token.</summary>
    [BsonId]
    public string Id { get; set; } = "";

    public string Owner { get; set; } = "";
    public RecoveryMethod Method { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The one formula of a grant's key, on every provider (pinned by StoredKeysTests).</summary>
    public static string KeyOf(RecoverySecret secret, string token) => Convert.ToHexString(secret.Mac("grant", token));
}

namespace WebmailLite.Recovery;

public enum CodeCheckStatus
{
    Valid,

    /// <summary>Wrong, or no code at all for this identifier (the same answer on purpose).</summary>
    Invalid,

    Expired,

    /// <summary>This wrong try was the last one allowed: the code no longer exists.</summary>
    Killed,
}

public sealed record CodeCheck(CodeCheckStatus Status, RecoveryMethod? Method = null, string? Target = null)
{
    public static CodeCheck Invalid { get; } = new(CodeCheckStatus.Invalid);
    public static CodeCheck Expired { get; } = new(CodeCheckStatus.Expired);
    public static CodeCheck Killed { get; } = new(CodeCheckStatus.Killed);
    public bool IsValid => Status == CodeCheckStatus.Valid;
}

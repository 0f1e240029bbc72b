namespace WebmailLite;

/// <summary>Marker for the texts of the recovery pages and the assistance desk: <c>Resources/RecoveryText.resx</c> (French) and <c>.en.resx</c>.</summary>
public sealed class RecoveryText;

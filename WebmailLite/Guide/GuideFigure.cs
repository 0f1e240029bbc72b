namespace WebmailLite.Guide;

/// <summary>An illustration as the guide uses it: its asset path, text alternative and caption.</summary>
public sealed record GuideFigure(string AssetPath, string Alt, string Caption);

namespace WebmailLite.Guide;

/// <summary>A level-2 heading of a section: an entry of its table of contents.</summary>
public sealed record GuideHeading(string Id, string Text);

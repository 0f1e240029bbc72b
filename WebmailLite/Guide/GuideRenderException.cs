namespace WebmailLite.Guide;

/// <summary>The guide's content cannot be rendered as written; the message says where and why.</summary>
public sealed class GuideRenderException(string message) : Exception(message);

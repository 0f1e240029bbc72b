namespace WebmailLite.Mail.Rendering;

/// <summary>One mailbox of a From/To/Cc header. <see cref="Name"/> is <c>null</c> when the header gave none.</summary>
public sealed record RenderedAddress(string? Name, string Address);

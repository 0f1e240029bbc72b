namespace WebmailLite.Accounts;

/// <summary>A device token just issued, and when it stops being honoured (the cookie should expire then too).</summary>
public sealed record IssuedDeviceToken(string Token, DateTimeOffset Expires);

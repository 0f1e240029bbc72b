using System.Net;

namespace WebmailLite.Accounts;

/// <summary>Where a sign-in comes from, as far as its limits care.</summary>
/// <param name="Address">The client address (behind a known proxy, the real client's).</param>
/// <param name="DeviceToken">The device cookie this browser holds, as sent; null without one. Checked by <see cref="DeviceTokens"/>, never trusted as it is.</param>
public sealed record SignInClient(IPAddress? Address, string? DeviceToken = null);

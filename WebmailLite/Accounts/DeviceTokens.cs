using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Accounts;

/// <summary>
/// OWASP's « device cookie »: after a right password on a personal computer, the browser is given a token that names the
/// identifier (hashed) and a random nonce, encrypted and signed by Data Protection, with an expiry. A sign-in that brings a
/// valid token for the identifier it tries is counted against that token only (<see cref="SignInService"/>), so a
/// stranger who exhausts the identifier's limit from elsewhere does not keep the owner out of their usual browser.
/// </summary>
/// <remarks>
/// Nothing is stored on the server: the nonce is the key of the device's own failure counter. The identifier is hashed
/// inside the encrypted payload so that even the key ring does not turn a cookie back into a readable name.
/// </remarks>
public sealed class DeviceTokens(IDataProtectionProvider protection, IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    // Beyond any real cookie; refuses to spend a decryption on junk.
    private const int MaxTokenLength = 1024;

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("WebmailLite.Accounts.DeviceTokens.v1").ToTimeLimitedDataProtector();

    public IssuedDeviceToken Issue(string identifier)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + options.Value.DeviceLifetime;
        return new IssuedDeviceToken(_protector.Protect(HashedKey.Of(Owner.Of(identifier)) + "." + nonce, expires), expires);
    }

    /// <summary>
    /// The device's key (its nonce) when <paramref name="token"/> is authentic, unexpired and issued to
    /// <paramref name="identifier"/>; null when absent, forged, expired, or another identifier's: those sign in as unknown clients.
    /// </summary>
    public string? DeviceOf(string? token, string identifier)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('.');
        return parts.Length == 2 && parts[0] == HashedKey.Of(Owner.Of(identifier)) ? parts[1] : null;
    }
}

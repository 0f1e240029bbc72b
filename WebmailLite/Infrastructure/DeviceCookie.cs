using WebmailLite.Accounts;

namespace WebmailLite.Infrastructure;

/// <summary>
/// Carries the device token (<see cref="DeviceTokens"/>) between the browser and the sign-in page, with the same
/// attributes everywhere: HttpOnly (no script reads it), SameSite=Strict (no other site's form sends it), Secure over
/// HTTPS, persistent until the token expires. It holds no readable name.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "wl_device";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Append(HttpContext context, IssuedDeviceToken device) =>
        context.Response.Cookies.Append(Name, device.Token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            Expires = device.Expires,
        });
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WebmailLite.Infrastructure;

/// <summary>
/// Behind a reverse proxy that terminates HTTPS, every request comes from the proxy's address: without its
/// <c>X-Forwarded-For</c>, one person's failed attempts would lock the whole académie out (all limits per address
/// would count everybody together), and without <c>X-Forwarded-Proto</c> cookies would lose <c>Secure</c>. Only the
/// proxies listed are believed (configuration <c>ReverseProxy:KnownProxies</c>; loopback always), so a client cannot
/// forge its address by sending the header itself.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front of the app: only its own entry of X-Forwarded-For is used.
            options.ForwardLimit = 1;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}

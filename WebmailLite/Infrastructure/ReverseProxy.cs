using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WebmailLite.Infrastructure;

/// <summary>
/// Behind a reverse proxy that terminates HTTPS, every request comes from the proxy's address: without its
/// <c>X-Forwarded-For</c>, one person's failed attempts would lock the whole académie out (all limits per address
/// would count everybody together), and without <c>X-Forwarded-Proto</c> cookies would lose <c>Secure</c>. Only the
/// proxies listed in <c>ReverseProxy:KnownProxies</c> are believed, so a client cannot forge its address by sending
/// the header itself. Not even loopback by default (ASP.NET Core's default trusts 127.0.0.0/8 and ::1): any client
/// that reaches Kestrel through the same host — a TCP pass-through proxy, an SSH tunnel, a sidecar — would otherwise
/// name its own address and escape every per-address limit. A proxy on the same host is listed like any other
/// (<c>127.0.0.1</c> or <c>::1</c>).
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware believes every sender (its "trust all" mode), so no proxy listed
            // means no forwarded header read at all.
            options.ForwardedHeaders = proxies.Length > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            // One proxy in front of the app: only its own entry of X-Forwarded-For is used.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}

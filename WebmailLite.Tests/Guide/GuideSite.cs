using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Guide;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// The app once for all guide page tests, with every guide page fetched in both languages (the language is a cookie,
/// the URLs are the same) and the app's own routes, read from its endpoint data sources.
/// </summary>
public sealed class GuideSite : IAsyncLifetime, IDisposable
{
    public static readonly string[] Languages = ["fr", "en"];

    public WebmailFactory Factory { get; } = new();

    /// <summary>Guide URL → page, per language.</summary>
    public Dictionary<string, Dictionary<string, HtmlPage>> Pages { get; } = [];

    public IReadOnlyList<Regex> Routes { get; private set; } = [];

    public IReadOnlyList<string> GuideUrls { get; private set; } = [];

    public GuideCatalog Catalog => Factory.Services.GetRequiredService<GuideCatalog>();

    public async Task InitializeAsync()
    {
        var catalog = Catalog;
        GuideUrls = [GuideLinks.Home, .. catalog.Sections("fr").Select(p => p.Path), GuideLinks.Letter];
        foreach (var language in Languages)
        {
            var client = await ClientAsync(language);
            Pages[language] = [];
            foreach (var url in GuideUrls)
            {
                Pages[language][url] = await HtmlPage.GetAsync(client, url);
            }
        }
        Routes = [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(raw => !raw.Contains("**", StringComparison.Ordinal))
            .Distinct()
            .Select(raw => new Regex("^/" + Regex.Replace(Regex.Escape(raw.TrimStart('/')), @"\\\{[^}]*}", "[^/]+") + "$"))];
    }

    /// <summary>A client that reads the app in <paramref name="language"/> (the language link sets the cookie).</summary>
    public async Task<HttpClient> ClientAsync(string language)
    {
        var client = Factory.NewClient();
        await client.GetAsync("/langue?c=" + language + "&retour=%2F");
        return client;
    }

    public bool IsRoute(string path) => Routes.Any(r => r.IsMatch(path));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Factory.Dispose();
}

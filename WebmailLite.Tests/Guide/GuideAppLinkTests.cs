namespace WebmailLite.Tests.Guide;

/// <summary>Links written <c>[label](app:/path)</c> must reach a page the app really has (its endpoint routes).</summary>
public sealed class GuideAppLinkTests(GuideSite site) : IClassFixture<GuideSite>
{
    [Fact]
    public void EveryAppLink_IsARouteOfTheApp()
    {
        var links = GuideSite.Languages.SelectMany(l => site.Catalog.Sections(l).SelectMany(p => p.AppLinks.Select(a => (Page: $"{l}{p.Path}", Link: a)))).ToList();

        var unknown = links.Where(x => !site.IsRoute(x.Link.Split('#', '?')[0])).ToList();

        Assert.NotEmpty(links);
        Assert.True(unknown.Count == 0, "App links to pages that do not exist:\n" + string.Join("\n", unknown));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/mot-de-passe-oublie")]
    [InlineData("/mot-de-passe-oublie/methode")]
    [InlineData("/mot-de-passe-oublie/code")]
    [InlineData("/parametres/securite")]
    [InlineData("/aide/lettre")]
    [InlineData("/aide")]
    [InlineData("/aide/{slug}")]
    public void RoutesRead_FromTheEndpointDataSources_IncludeTheBuiltPages(string route) =>
        Assert.True(site.IsRoute(route.Replace("{slug}", "acces-refuse", StringComparison.Ordinal)), route);

    [Fact]
    public void RoutesRead_DoNotMatchAnyPath() => Assert.False(site.IsRoute("/une-page-qui-n-existe-pas"));
}

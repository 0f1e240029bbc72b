using Microsoft.AspNetCore.Components;

namespace WebmailLite.Guide;

/// <summary>
/// Illustration URLs as <c>MapStaticAssets</c> serves them: fingerprinted, so they can be cached for a year and a
/// warm visit costs nothing. The map is the <see cref="ResourceAssetCollection"/> that <c>WithStaticAssets()</c>
/// attaches to the Razor Pages endpoints (the one <c>@Assets[…]</c> reads in a view).
/// </summary>
public sealed class StaticGuideAssets(EndpointDataSource endpoints) : IGuideAssets
{
    private readonly Lazy<ResourceAssetCollection?> _assets = new(() => endpoints.Endpoints
        .Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>())
        .FirstOrDefault(c => c is not null));

    public string? Url(string path)
    {
        var assets = _assets.Value;
        if (assets is null)
        {
            return null;
        }
        // The collection answers the path itself for an asset it does not know.
        var url = assets[path];
        return url != path ? "/" + url.TrimStart('/') : null;
    }
}

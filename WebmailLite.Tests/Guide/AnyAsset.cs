using WebmailLite.Guide;

namespace WebmailLite.Tests.Guide;

/// <summary>Illustrations for rendering tests: the ones in <c>wwwroot-assets/guide</c> exist, under their plain path.</summary>
public sealed class AnyAsset : IGuideAssets
{
    public string? Url(string path) => File.Exists(Path.Combine(GuideFiles.AssetsFolder, path)) ? "/" + path : null;
}

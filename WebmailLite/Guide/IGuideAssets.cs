namespace WebmailLite.Guide;

/// <summary>Where the guide's illustrations are served from.</summary>
public interface IGuideAssets
{
    /// <summary>
    /// The URL to use for the static asset <paramref name="path"/> (like <c>guide/fr/connexion.svg</c>), fingerprinted
    /// when the app serves it so; null when there is no such asset.
    /// </summary>
    string? Url(string path);
}

namespace WebmailLite.Guide;

/// <summary>
/// Every illustration is drawn on the same canvas, so that the page reserves its box before the image arrives (no
/// layout shift on a slow connection) without reading the file. A test holds each SVG to this viewBox.
/// </summary>
public static class GuideIllustration
{
    public const int Width = 320;
    public const int Height = 200;
    public const string ViewBox = "0 0 320 200";
}

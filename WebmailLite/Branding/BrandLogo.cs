using System.Security.Cryptography;
using System.Xml;

namespace WebmailLite.Branding;

/// <summary>
/// The organisation's logo, read and checked once at start. It is served from the app (no third-party request, the
/// strict CSP), fingerprinted and cached for a year, so a browser pays for it once.
/// </summary>
public sealed class BrandLogo
{
    /// <summary>
    /// 4 KB: a clean académie or ministry mark in SVG is 1 to 3 KB; the sign-in page, cold, must stay within its 10 KB
    /// budget (about 6.5 KB without a logo), and a logo bigger than that is an export with editor metadata or an
    /// embedded bitmap, which has no place in a header shown on a 3G phone.
    /// </summary>
    public const int MaxBytes = 4 * 1024;

    public const string UrlPrefix = "/marque/logo.";

    private BrandLogo(byte[] content)
    {
        Content = content;
        Url = UrlPrefix + Convert.ToHexStringLower(SHA256.HashData(content))[..12] + ".svg";
    }

    public byte[] Content { get; }

    /// <summary>Fingerprinted: a new file gets a new address, so the year-long cache never shows an old logo.</summary>
    public string Url { get; }

    /// <summary>Reads and checks the file; the problem in words (for the start-up failure) or the logo.</summary>
    public static (BrandLogo? Logo, string? Problem) Load(string path, string contentRoot)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
        if (!File.Exists(full))
        {
            return (null, $"Branding:Logo: no file at {full}.");
        }
        if (new FileInfo(full).Length > MaxBytes)
        {
            return (null, $"Branding:Logo: {full} is {new FileInfo(full).Length} bytes; a logo must be at most {MaxBytes} bytes (it is on every page of a 3G phone). Remove editor metadata or embedded images (svgo does), or leave Branding:Logo empty.");
        }
        var content = File.ReadAllBytes(full);
        var problem = Check(content);
        return problem is null ? (new BrandLogo(content), null) : (null, $"Branding:Logo: {full}: {problem}");
    }

    /// <summary>
    /// Null when the bytes are a small, self-contained SVG; otherwise why not. The logo is ours to serve, so it must
    /// not be able to run anything or reach anything: no script, no foreignObject (HTML inside SVG), no event
    /// attribute, no link or style pointing outside the file, no DTD (entity expansion).
    /// </summary>
    public static string? Check(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return $"{content.Length} bytes, more than {MaxBytes}.";
        }
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            var first = true;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.ProcessingInstruction && reader.Name != "xml")
                {
                    return $"processing instruction <?{reader.Name}?> is not allowed.";
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && ExternalReference(reader.Value) is { } inText)
                    {
                        return $"an external reference ({inText}) in a style.";
                    }
                    continue;
                }
                if (first)
                {
                    if (reader.LocalName != "svg" || reader.NamespaceURI != "http://www.w3.org/2000/svg")
                    {
                        return "not an SVG file (the root element must be <svg xmlns=\"http://www.w3.org/2000/svg\">).";
                    }
                    first = false;
                }
                if (reader.LocalName is "script" or "foreignObject" or "iframe" or "embed" or "object" or "audio" or "video" or "handler" or "listener")
                {
                    return $"<{reader.LocalName}> is not allowed in a logo.";
                }
                while (reader.MoveToNextAttribute())
                {
                    if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    {
                        return $"the event attribute {reader.Name} is not allowed.";
                    }
                    if (reader.LocalName == "href" && !reader.Value.TrimStart().StartsWith('#'))
                    {
                        return $"an external reference ({reader.Name}=\"{reader.Value}\").";
                    }
                    if (ExternalReference(reader.Value) is { } inAttribute)
                    {
                        return $"an external reference ({inAttribute}) in {reader.Name}.";
                    }
                }
                reader.MoveToElement();
            }
            return first ? "not an SVG file (no root element)." : null;
        }
        catch (XmlException e)
        {
            return $"not a well-formed SVG file ({e.Message}).";
        }
    }

    /// <summary>url(…) other than a fragment of the same file, or @import: what would make the browser fetch.</summary>
    private static string? ExternalReference(string value)
    {
        if (value.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            return "@import";
        }
        var at = 0;
        while ((at = value.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            at += 4;
            var target = value[at..].TrimStart(' ', '\'', '"');
            if (!target.StartsWith('#'))
            {
                return "url(" + new string(target.TakeWhile(c => c != ')').Take(60).ToArray()) + ")";
            }
        }
        return null;
    }
}

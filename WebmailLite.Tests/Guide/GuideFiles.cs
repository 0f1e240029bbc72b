using System.Runtime.CompilerServices;

namespace WebmailLite.Tests.Guide;

/// <summary>The repository's source folders, found from this file (the build output may live anywhere: --artifacts-path).</summary>
public static class GuideFiles
{
    public static string AssetsFolder { get; } = Find("wwwroot-assets");

    public static string IllustrationsFolder => Path.Combine(AssetsFolder, "guide");

    private static string Find(string folder, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", folder));
}

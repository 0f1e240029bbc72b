using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The guide's drawings are legible on a desktop: at 1280 px no text in them is drawn under 12 CSS px. An
/// <c>img</c>'s SVG cannot be looked into, so each one is fetched and laid inline at the size the <c>img</c> is shown,
/// and each <c>text</c> measured there: its computed font size times the scale its screen matrix applies (the viewBox
/// stretched to the displayed width, and any transform). A column of <see cref="GuideBrowserTests"/>.
/// </summary>
public static class GuideFigures
{
    public const double MinimumTextPx = 12;

    public static async Task AssertLegibleAtDesktopWidthAsync(IPage page, string label, ITestOutputHelper output)
    {
        await page.SetViewportSizeAsync(PageChecks.DesktopWidth, PageChecks.Height);
        var figures = await page.EvaluateAsync<FigureText[]>("""
            async () => {
              const out = [];
              for (const img of document.querySelectorAll('main figure img')) {
                const rect = img.getBoundingClientRect();
                const source = await (await fetch(img.currentSrc || img.src)).text();
                const svg = document.importNode(new DOMParser().parseFromString(source, 'image/svg+xml').documentElement, true);
                svg.setAttribute('width', String(rect.width));
                svg.setAttribute('height', String(rect.height));
                const box = document.createElement('div');
                box.style.position = 'absolute';
                box.style.left = '0';
                box.style.top = '0';
                box.appendChild(svg);
                document.body.appendChild(box);
                let smallest = Infinity, text = '';
                for (const t of svg.querySelectorAll('text')) {
                  const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b);
                  if (size < smallest) { smallest = size; text = t.textContent; }
                }
                box.remove();
                out.push({ src: img.getAttribute('src'), width: rect.width, smallestPx: smallest, smallestText: text, alt: img.alt });
              }
              return out;
            }
            """).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var f in figures)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FIGURE {label} {f.Src}: shown {f.Width:0} px wide, smallest text {f.SmallestPx:0.0} px (« {f.SmallestText} »), alt {f.Alt.Length} characters"));
        }
        var small = figures.Where(f => f.SmallestPx < MinimumTextPx).ToList();
        Assert.True(small.Count == 0, $"{label}: text under {MinimumTextPx} px at {PageChecks.DesktopWidth} px:\n" + string.Join("\n", small.Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Src}: {f.SmallestPx:0.0} px (« {f.SmallestText} »), shown {f.Width:0} px wide"))));
    }

    /// <summary>What the script returns per figure (Playwright fills it by property name, hence settable).</summary>
    public sealed class FigureText
    {
        public string Src { get; set; } = "";
        public double Width { get; set; }
        public double SmallestPx { get; set; }
        public string SmallestText { get; set; } = "";
        public string Alt { get; set; } = "";
    }
}

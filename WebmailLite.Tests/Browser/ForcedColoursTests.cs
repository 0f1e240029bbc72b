using System.Text.Json;
using Microsoft.Playwright;
using WebmailLite.Practice;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Windows high contrast (forced colours): backgrounds and box shadows are dropped, so a focus shown only by them
/// vanishes (WCAG 2.4.7, RGAA 10.7). Every element reached by Tab on each page must keep a visible outline, and a link
/// its underline (or the bottom border that stands for it). Chromium's own forced-colours emulation, JavaScript on only to read the computed style.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ForcedColoursTests(BrowserFixture browser, PracticeLiveServer practice, ITestOutputHelper output)
{
    private const int MaxTabs = 80;

    public static TheoryData<string> Pages => new()
    {
        "/",
        "/aide",
        "/mot-de-passe-oublie",
        "/courrier",
        "/courrier/message?dossier=INBOX&uid=1",
        "/courrier/ecrire",
        "/parametres/securite",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryFocusableElement_ShowsItsFocus_InForcedColours(string url)
    {
        var (context, page) = await browser.NewPageAsync(practice.Server);
        await using var _ = context;
        if (url != "/" && !url.StartsWith("/aide", StringComparison.Ordinal) && !url.StartsWith("/mot-de-passe", StringComparison.Ordinal))
        {
            await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        }
        await page.EmulateMediaAsync(new() { ForcedColors = ForcedColors.Active });
        await page.GotoAsync(url);
        Assert.True(await page.EvaluateAsync<bool>("() => matchMedia('(forced-colors: active)').matches"));

        var problems = new List<string>();
        var seen = new HashSet<string>();
        var reached = 0;
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const s = getComputedStyle(e);
                  return {
                    key: e.outerHTML.replace(/\s+/g, ' ').slice(0, 100),
                    tag: e.tagName.toLowerCase(),
                    outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, color: s.outlineColor,
                    underline: s.textDecorationLine.includes('underline') || (s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) >= 2)
                  };
                }
                """);
            if (focus.ValueKind == JsonValueKind.Null)
            {
                break;
            }
            var key = focus.GetProperty("key").GetString()!;
            if (!seen.Add(key))
            {
                break; // Back at the start: every element was reached.
            }
            reached++;
            var visible = focus.GetProperty("outline").GetString() != "none"
                && focus.GetProperty("width").GetDouble() >= 2
                && focus.GetProperty("color").GetString() is { } color && !color.EndsWith(", 0)", StringComparison.Ordinal) && color != "transparent";
            if (!visible)
            {
                problems.Add($"no outline on {key} ({focus.GetProperty("outline").GetString()} {focus.GetProperty("width").GetDouble()}px {focus.GetProperty("color").GetString()})");
            }
            if (focus.GetProperty("tag").GetString() == "a" && !focus.GetProperty("underline").GetBoolean())
            {
                problems.Add($"link loses its underline: {key}");
            }
        }
        output.WriteLine($"{url}: {reached} focusable elements checked.");
        Assert.True(reached >= 3, $"{url}: only {reached} elements reached by Tab.");
        Assert.True(problems.Count == 0, $"{url}:\n" + string.Join("\n", problems));
    }
}

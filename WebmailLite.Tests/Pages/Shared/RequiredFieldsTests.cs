using System.Net;
using AngleSharp.Dom;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Shared;

/// <summary>
/// Required fields are said in words and in the markup on every form (WCAG 3.3.2, RGAA 11.10), by the one rule of
/// <c>RequiredMarkTagHelper</c>: « (obligatoire) » in the label (in the legend for radio buttons), <c>required</c> on the
/// control, <c>novalidate</c> on the form so the server's error summary stays the one way errors are told. And a field
/// the server refuses when left empty is one of the marked ones.
/// </summary>
public sealed class RequiredFieldsTests : IClassFixture<EveryPageTests.Fixture>
{
    private const string Mark = "(obligatoire)";

    private readonly EveryPageTests.Fixture _fixture;

    public RequiredFieldsTests(EveryPageTests.Fixture fixture) => _fixture = fixture;

    public static TheoryData<string, bool> Pages => EveryPageTests.Pages;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryForm_MarksItsRequiredFields_AndLabelsEveryField(string url, bool signedIn)
    {
        var client = signedIn ? await _fixture.SignedInClientAsync() : _fixture.Factory.NewClient();
        var page = await HtmlPage.GetAsync(client, url);

        foreach (var control in page.QueryAll("main form input:not([type=hidden]):not([type=submit]), main form select, main form textarea"))
        {
            if (control.HasAttribute("aria-labelledby"))
            {
                continue; // A list's tick boxes, named by their row (subject, sender, date): no visible label of their own.
            }
            var id = control.Id ?? throw new Xunit.Sdk.XunitException($"{url}: a {control.LocalName} named {control.GetAttribute("name")} has no id, so no label.");
            var label = page.Query($"label[for='{id}']");
            // Every field has its label, in the same block, before it (RGAA 11.1, 11.4); a radio button's label follows it.
            Assert.True(label is not null, $"{url}: #{id} has no label.");
            var radio = control.GetAttribute("type") is "radio" or "checkbox";
            Assert.True(label!.ParentElement == control.ParentElement || label.ParentElement!.Contains(control), $"{url}: the label of #{id} is not beside it.");
            Assert.Equal(radio ? DocumentPositions.Preceding : DocumentPositions.Following, label.CompareDocumentPosition(control) & (DocumentPositions.Preceding | DocumentPositions.Following));
            if (control.GetAttribute("type") == "radio")
            {
                // Radio buttons are grouped with a legend (RGAA 11.5, 11.6).
                var legend = control.Closest("fieldset")?.QuerySelector("legend");
                Assert.True(legend is not null, $"{url}: radio #{id} is not in a fieldset with a legend.");
            }

            var required = control.HasAttribute("required");
            var marked = control.GetAttribute("type") == "radio"
                ? control.Closest("fieldset")!.QuerySelector("legend")!.TextContent.Contains(Mark, StringComparison.Ordinal)
                : label.TextContent.Contains(Mark, StringComparison.Ordinal);
            Assert.True(required == marked, $"{url}: #{id} is {(required ? "" : "not ")}required but its label {(marked ? "says" : "does not say")} « {Mark} ».");
            if (required)
            {
                Assert.True(control.Closest("form")!.HasAttribute("novalidate"), $"{url}: #{id} is required in a form without novalidate: the browser's bubble would replace the error summary.");
            }
        }
        Assert.DoesNotContain(page.QueryAll("[wl-required]"), _ => true);
    }

    /// <summary>Each form posted empty: every field the error summary names is a field marked required.</summary>
    [Theory]
    [InlineData("/", false)]
    [InlineData("/mot-de-passe-oublie", false)]
    [InlineData("/contacts/fiche", true)]
    [InlineData("/contacts/importer", true)]
    [InlineData("/courrier/dossiers", true)]
    [InlineData("/parametres/securite/mot-de-passe", true)]
    [InlineData("/parametres/securite/adresse-de-secours", true)]
    [InlineData("/parametres/securite/questions", true)]
    public async Task FormPostedEmpty_EveryFieldInError_IsMarkedRequired(string url, bool signedIn)
    {
        // Its own factory: empty posts count as failed attempts (sign-in, recovery), which must not reach other tests.
        using var factory = new WebmailFactory();
        var client = signedIn ? await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password) : factory.NewClient();
        var page = await HtmlPage.GetAsync(client, url);
        var empty = page.QueryAll("main form[method=post] input[type=text], main form[method=post] input[type=password], main form[method=post] input[type=email], main form[method=post] textarea, main form[method=post] select")
            .Select(e => e.GetAttribute("name")!).Distinct().ToDictionary(n => n, _ => "");

        var response = await page.SubmitAsync(client, "main form[method=post]", empty);
        var answer = await HtmlPage.LoadAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} posted empty: {response.StatusCode} {response.Headers.Location}");
        var fields = answer.QueryAll(".err-sum a[href^='#']").Select(a => a.GetAttribute("href")![1..]).ToList();
        Assert.NotEmpty(fields);
        foreach (var id in fields)
        {
            var control = answer.Query($"#{id}")!;
            var required = control.HasAttribute("required") || control.QuerySelector("[required]") is not null;
            Assert.True(required, $"{url}: #{id} is refused when empty but not marked required.");
        }
    }
}

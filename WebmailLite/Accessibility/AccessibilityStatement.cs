using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Markdig;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Branding;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Accessibility;

/// <summary>
/// The « Déclaration d'accessibilité » in the RGAA's model: prose in <c>Content/{fr,en}/declaration.md</c> (the
/// words are data, like the guide's), figures from the evidence table (<see cref="ConformanceTable"/>), the
/// organisation, contact and time limits from the settings. Rendered once per language: all of it is fixed while the
/// app runs.
/// </summary>
public sealed partial class AccessibilityStatement
{
    // A marker Markdig leaves alone ({…} at the end of a paragraph would be read as generic attributes).
    private const string ListMarker = "WL-NON-CONFORMITIES";
    private const string ListPlaceholder = "<p>" + ListMarker + "</p>";

    private readonly MarkdownPipeline _pipeline;
    private readonly ConformanceTable _table;
    private readonly AccessibilityOptions _options;
    private readonly MailOptions _mail;
    private readonly MailSessionOptions _session;
    private readonly IStringLocalizer<SiteText> _text;
    private readonly ServiceBrand _brand;
    private readonly ConcurrentDictionary<string, string> _html = new(StringComparer.Ordinal);

    public AccessibilityStatement(ConformanceTable table, IStringLocalizer<SiteText> text, IOptions<AccessibilityOptions> options, IOptions<MailOptions> mail, IOptions<MailSessionOptions> session, ServiceBrand brand)
    {
        _brand = brand;
        _table = table;
        _text = text;
        _options = options.Value;
        _mail = mail.Value;
        _session = session.Value;
        // Not the guide's pipeline: the statement links out (the Défenseur des droits, mailto:), which the guide
        // refuses. Raw HTML off all the same: the only HTML that is not Markdig's is the list built below, encoded.
        _pipeline = new MarkdownPipelineBuilder().UseGenericAttributes().DisableHtml().Build();
    }

    public ConformanceTable Table => _table;

    /// <summary>The statement's HTML in the request's language, headings from <c>h2</c> (the page has the <c>h1</c>).</summary>
    public string Html(UiFormat format) => _html.GetOrAdd(Localization.Current, language => Render(language, format));

    /// <summary>The address people write to, from the settings or the académie's domain; null when neither is set.</summary>
    public string? ContactEmail =>
        !string.IsNullOrWhiteSpace(_options.ContactEmail) ? _options.ContactEmail.Trim()
        : !string.IsNullOrWhiteSpace(_mail.AddressDomain) ? "accessibilite@" + _mail.AddressDomain.Trim()
        : null;

    /// <summary>« partiellement conforme » and the like, in the request's language: the RGAA's three states, decided
    /// by the table alone (every page's footer says it, as the RGAA asks).</summary>
    public string State => _text[SiteText.State(_table.State)];

    private string Render(string language, UiFormat format)
    {
        var body = Read(language).Replace("\r\n", "\n", StringComparison.Ordinal);
        var culture = CultureInfo.GetCultureInfo(language);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["organisation"] = Escape(_options.Organisation),
            ["service"] = Escape(_brand.ServiceName),
            ["state"] = State,
            ["rate"] = _table.RatePercent.ToString(culture),
            ["compliant"] = _table.Count(RgaaStatus.Compliant).ToString(culture),
            ["non_compliant"] = _table.Count(RgaaStatus.NonCompliant).ToString(culture),
            ["not_applicable"] = _table.Count(RgaaStatus.NotApplicable).ToString(culture),
            ["total"] = _table.Criteria.Count.ToString(culture),
            ["date"] = _table.EvaluatedOn.ToString("d MMMM yyyy", culture),
            ["shared_idle"] = Escape(format.Duration(_session.SharedIdleTimeout)),
            ["personal_idle"] = Escape(format.Duration(_session.PersonalIdleTimeout)),
            ["absolute"] = Escape(format.Duration(_session.AbsoluteTimeout)),
            ["contact_email"] = ContactEmail is { } email ? $"<{email}>" : null,
            ["contact_postal"] = string.IsNullOrWhiteSpace(_options.ContactPostalAddress) ? null : Escape(_options.ContactPostalAddress.Trim()),
            ["contact_url"] = Uri.TryCreate(_options.ContactUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? $"<{url.AbsoluteUri}>" : null,
            // Replaced after rendering (it needs lang="fr" on the English page): kept as is here.
            ["non_conformities"] = ListMarker,
        };
        var markdown = new StringBuilder();
        foreach (var line in body.Split('\n'))
        {
            var missing = false;
            var filled = Placeholder().Replace(line, m =>
            {
                if (!values.TryGetValue(m.Groups[1].Value, out var value))
                {
                    throw new InvalidOperationException($"Accessibility/Content/{language}/declaration.md: unknown placeholder {m.Value}.");
                }
                missing |= value is null;
                return value ?? "";
            });
            // A contact line whose setting is empty is left out rather than printed blank.
            if (!missing)
            {
                markdown.Append(filled).Append('\n');
            }
        }
        var html = Markdown.ToHtml(markdown.ToString(), _pipeline);
        if (html.Split(ListPlaceholder).Length != 2)
        {
            throw new InvalidOperationException($"Accessibility/Content/{language}/declaration.md: {{non_conformities}} must stand once, alone in its paragraph.");
        }
        return html.Replace(ListPlaceholder, NonConformities(language), StringComparison.Ordinal);
    }

    /// <summary>The criteria marked NC, with what the table says about each; in French on every page (the table
    /// and the RGAA's own words are French), so marked as such.</summary>
    private string NonConformities(string language)
    {
        var encoder = HtmlEncoder.Default;
        var list = new StringBuilder(language == "fr" ? "<ul class=\"nc\">" : "<ul class=\"nc\" lang=\"fr\">");
        foreach (var criterion in _table.NonCompliant)
        {
            list.Append("<li><strong>").Append(encoder.Encode(criterion.Number)).Append("</strong> ")
                .Append(encoder.Encode(criterion.Title)).Append(" : ")
                .Append(encoder.Encode(criterion.Remarks.Length > 0 ? $"{criterion.Evidence} ({criterion.Remarks.TrimEnd('.')})." : criterion.Evidence + "."))
                .Append("</li>");
        }
        return list.Append("</ul>").ToString();
    }

    private static string Read(string language)
    {
        var name = $"accessibility/{language}/declaration.md";
        using var stream = typeof(AccessibilityStatement).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Settings are text, not Markdown: « * » or « [ » in a name must print as typed.</summary>
    private static string Escape(string text) => MarkdownPunctuation().Replace(text, @"\$0");

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\\`*_{}\[\]()#+\-.!<>|~]")]
    private static partial Regex MarkdownPunctuation();
}

using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace WebmailLite.Infrastructure;

/// <summary>
/// The one rule for required fields (WCAG 3.3.2, RGAA 11.10): the label — or the legend of a group of radio buttons —
/// says « (obligatoire) » in visible text, and the control carries <c>required</c>. Written <c>&lt;label for="…"
/// wl-required&gt;</c>; the form keeps <c>novalidate</c>, so the browser announces « required » but never blocks the
/// post with its own bubble: the server's GOV.UK error summary stays the one way errors are told.
/// Marking the required fields rather than the optional ones: most of our forms have one or two fields, nearly all
/// required, and compose has one required field (« À ») among six.
/// </summary>
[HtmlTargetElement("label", Attributes = AttributeName)]
[HtmlTargetElement("legend", Attributes = AttributeName)]
public sealed class RequiredMarkTagHelper(IStringLocalizer<UiText> text) : TagHelper
{
    public const string AttributeName = "wl-required";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(AttributeName);
        output.PostContent.AppendHtml(" <span class=\"req\">").Append(text["RequiredMark"]).AppendHtml("</span>");
    }
}

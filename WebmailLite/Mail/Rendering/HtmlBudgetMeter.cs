using MimeKit.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// Counts the elements and the nesting of HTML tag by tag, against an <see cref="HtmlBudget"/>. Depth follows start
/// and end tags the way the tree builder broadly does: an end tag closes up to the matching open element and a stray
/// one is ignored, so « &lt;div&gt;&lt;/x&gt; » repeated cannot hide its depth. One meter serves both the question
/// « may this be sanitized? » and the place where a quote stops, so the two always agree.
/// </summary>
internal sealed class HtmlBudgetMeter(HtmlBudget budget)
{
    // Elements that close themselves when a sibling starts (<p><p>, <li><li>, <td><td>): counting them as nesting
    // would make ordinary, sloppily closed mail look deep.
    private static readonly HashSet<HtmlTagId> ImplicitlyClosed =
    [
        HtmlTagId.P, HtmlTagId.LI, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.TR, HtmlTagId.TD, HtmlTagId.TH,
        HtmlTagId.Option, HtmlTagId.OptGroup, HtmlTagId.RP, HtmlTagId.RT, HtmlTagId.TBody, HtmlTagId.THead,
        HtmlTagId.Tfoot, HtmlTagId.ColGroup, HtmlTagId.Caption,
    ];

    // Never longer than the depth budget, so an end tag costs at most that many comparisons.
    private readonly List<string> _open = [];
    private int _elements;

    /// <summary>Counts <paramref name="tag"/>; false once the budget is passed (and for every tag after that).</summary>
    public bool Admit(HtmlTagToken tag)
    {
        if (_elements > budget.MaxElements || _open.Count > budget.MaxNestingDepth)
        {
            return false;
        }

        if (!tag.IsEndTag && ++_elements > budget.MaxElements)
        {
            return false;
        }

        if (tag.Id.IsEmptyElement() || ImplicitlyClosed.Contains(tag.Id))
        {
            return true;
        }

        var name = tag.Name.ToLowerInvariant();
        if (tag.IsEndTag)
        {
            var index = _open.LastIndexOf(name);
            if (index >= 0)
            {
                _open.RemoveRange(index, _open.Count - index);
            }
        }
        else if (!tag.IsEmptyElement || !(_open.Contains("svg") || _open.Contains("math")))
        {
            // « <div/> » and « <x/> » still open an element in HTML; only inside SVG and MathML does « /> »
            // close it.
            _open.Add(name);
        }

        return _open.Count <= budget.MaxNestingDepth;
    }
}

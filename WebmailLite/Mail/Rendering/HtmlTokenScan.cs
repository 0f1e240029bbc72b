using MimeKit.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// A linear pass over HTML with MimeKit's tokenizer, which builds no tree, to decide whether building one is
/// affordable. The HTML tree builder checks scopes by walking the stack of open elements, so deeply nested input
/// costs quadratic time (100 000 nested <c>&lt;div&gt;</c>, half a megabyte, take minutes), and sanitizing a quarter
/// of a million <c>&lt;p&gt;</c> (one megabyte) took over two minutes: cheap ways for one message to tie up the
/// server on every view.
/// </summary>
internal static class HtmlTokenScan
{
    /// <summary>
    /// Whether building and sanitizing the tree of <paramref name="html"/> stays within <paramref name="budget"/>.
    /// Sanitizing costs tens of microseconds per element (and more than linear beyond a few ten thousand); the tree
    /// builder costs time proportional to depth for every block it opens. Stops at the first limit passed, which
    /// also bounds the work per end tag.
    /// </summary>
    public static bool IsWithinBudget(string html, HtmlBudget budget)
    {
        if (html.Length > budget.MaxLength)
        {
            return false;
        }

        var meter = new HtmlBudgetMeter(budget);
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag && !meter.Admit(tag))
            {
                return false;
            }
        }

        return true;
    }
}

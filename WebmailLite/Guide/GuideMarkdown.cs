using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace WebmailLite.Guide;

/// <summary>
/// The one Markdig pipeline of the guide. Built once (a pipeline is immutable and thread-safe, and building it is
/// the expensive part). Raw HTML is disabled: the guide's own syntax covers what it needs, and what comes out is
/// checked by <see cref="GuideHtmlRenderer"/> and the tests, not trusted.
/// </summary>
public static class GuideMarkdown
{
    public static MarkdownPipeline CreatePipeline() => new MarkdownPipelineBuilder()
        // Ids from headings, ASCII only (« Accès refusé » → acces-refuse); explicit {#id} wins, which keeps the ids
        // app pages link to (GuideLinks) the same in every language.
        .UseAutoIdentifiers(AutoIdentifierOptions.Default)
        .UseCustomContainers()
        .Use<GuideExtension>()
        // Must come after every parser it decorates ({#id} on headings and on ::: containers).
        .UseGenericAttributes()
        .DisableHtml()
        .Build();
}

using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace WebmailLite.Guide;

/// <summary>Renders <c>::: step</c>, <c>::: warning</c> and <c>::: note</c> (see <see cref="GuideExtension"/>).</summary>
public sealed class GuideContainerRenderer : HtmlObjectRenderer<CustomContainer>
{
    public const string Step = "step";
    public const string Warning = "warning";
    public const string Note = "note";

    protected override void Write(HtmlRenderer renderer, CustomContainer container)
    {
        var guide = (GuideHtmlRenderer)renderer;
        switch (container.Info)
        {
            case Step:
                WriteStep(guide, container);
                break;
            case Warning:
            case Note:
                // role=note and a text label: a screen reader says what kind of box this is, and so does the page
                // without its colours (forced colours, print, greyscale).
                renderer.EnsureLine();
                renderer.Write("<div").Write(IdAttribute(guide, container)).Write(container.Info == Warning ? " class=\"callout warning\"" : " class=\"callout\"").Write(" role=\"note\">");
                renderer.Write("<p class=\"callout-label\"><strong>").WriteEscape(container.Info == Warning ? guide.Language.WarningLabel : guide.Language.NoteLabel).Write("</strong></p>").WriteLine();
                renderer.WriteChildren(container);
                renderer.WriteLine("</div>");
                break;
            default:
                guide.Fail(container, $"unknown block « ::: {container.Info} » (known: step, warning, note)");
                renderer.WriteChildren(container);
                break;
        }
    }

    private static void WriteStep(GuideHtmlRenderer renderer, CustomContainer step)
    {
        // Consecutive steps are one ordered list: the numbers come from the list, so they stay right when a step is added.
        var parent = step.Parent!;
        var index = parent.IndexOf(step);
        var first = index == 0 || !IsStep(parent[index - 1]);
        var last = index == parent.Count - 1 || !IsStep(parent[index + 1]);
        var figures = step.Descendants<ParagraphBlock>().Count(p => GuideExtension.FigureImage(p) is not null);
        if (figures != 1)
        {
            renderer.Fail(step, $"a step needs exactly one figure, this one has {figures}");
        }
        renderer.EnsureLine();
        if (first)
        {
            renderer.WriteLine("<ol class=\"steps\">");
        }
        renderer.Write("<li class=\"step\"").Write(IdAttribute(renderer, step)).WriteLine(">");
        renderer.WriteChildren(step);
        renderer.WriteLine("</li>");
        if (last)
        {
            renderer.WriteLine("</ol>");
        }
    }

    // Only an id may be given ({#id}); classes and other attributes would fight the guide's own.
    private static string IdAttribute(GuideHtmlRenderer renderer, CustomContainer container)
    {
        var attributes = container.TryGetAttributes();
        if (attributes is null)
        {
            return "";
        }
        // Markdig records the container's kind (« step ») as a class of its own; anything more was written by hand.
        if (attributes.Classes?.Any(c => c != container.Info) == true || attributes.Properties is { Count: > 0 })
        {
            renderer.Fail(container, "only {#id} is allowed on a block");
        }
        return attributes.Id is { Length: > 0 } id ? " id=\"" + System.Net.WebUtility.HtmlEncode(id) + "\"" : "";
    }

    private static bool IsStep(Block block) => block is CustomContainer { Info: Step };
}

using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Localization;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Infrastructure;

/// <summary>
/// A NUL character in a posted field (pasted from a PDF, or sent on purpose) is not text anyone typed, and nothing
/// after the page copes with it well (IMAP literals, the passwd-file, LiteDB keys, the journey cookie). One rule for
/// every form: the field gets « contains an invisible character, removed: check it », the NUL is taken out of the bound
/// value so everything else typed comes back, and the page's handler stops on its errors
/// (<see cref="IFormWithErrors"/>). Logged with the page and the field names only: never a value (passwords).
/// </summary>
public sealed class NulCharacterFilter(IStringLocalizer<UiText> text, ILogger<NulCharacterFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || IsErrorPage(context.HttpContext))
        {
            await next();
            return;
        }
        // Already read by model binding (the antiforgery check before it): no second read of the body.
        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        var fields = form.Where(f => f.Value.Any(v => v?.Contains('\0') == true)).Select(f => f.Key).ToList();
        if (fields.Count == 0)
        {
            await next();
            return;
        }
        logger.LogWarning("A form posted to {Page} held a NUL character in {Fields}", context.ActionDescriptor.ViewEnginePath, string.Join(", ", fields));
        if (context.HandlerInstance is not IFormWithErrors page || !fields.All(field => RemoveNul(context, field)))
        {
            // A hidden field, a list, or a page without the errors contract: nobody typed this, and no handler runs on it.
            context.Result = new BadRequestResult();
            return;
        }
        foreach (var field in fields)
        {
            page.Errors.Add(field.Replace('.', '_'), text["Err_NulCharacter"]);
        }
        await next();
    }

    /// <summary>The error page shown for the original post reads the same form: it must show, not refuse.</summary>
    private static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    /// <summary>Takes the NUL out of the bound text property named by the form key (« Input.Identifier »); false when there is none.</summary>
    private static bool RemoveNul(PageHandlerExecutingContext context, string key)
    {
        var dot = key.IndexOf('.');
        var root = dot < 0 ? key : key[..dot];
        var bound = context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>()
            .FirstOrDefault(p => string.Equals(p.BindingInfo?.BinderModelName ?? p.Name, root, StringComparison.OrdinalIgnoreCase));
        if (bound is null)
        {
            return false;
        }
        var owner = dot < 0 ? context.HandlerInstance : bound.Property.GetValue(context.HandlerInstance);
        var property = dot < 0 ? bound.Property : owner?.GetType().GetProperty(key[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (owner is null || property is not { CanWrite: true } || property.PropertyType != typeof(string))
        {
            return false;
        }
        property.SetValue(owner, ((string?)property.GetValue(owner))?.Replace("\0", "", StringComparison.Ordinal));
        return true;
    }
}

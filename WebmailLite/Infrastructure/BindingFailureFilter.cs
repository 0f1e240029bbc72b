using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace WebmailLite.Infrastructure;

/// <summary>
/// A number (or any other non-text value: enum, bool) that does not convert — « partie=99999999999 », « uid=abc »,
/// « page= » — used to bind silently to 0 and serve part 0, message 0, page 0. One rule for every page: such a value
/// answers 404, the address names nothing. No form of ours has a number a person types (numbers travel in links,
/// hidden fields and checkbox values), so a bad one in a form is a forged post and gets the same 404 rather than a
/// field error nobody could fix. Text values are not concerned: an empty required text is the page's to explain.
/// </summary>
public sealed class BindingFailureFilter(IModelMetadataProvider metadata, ILogger<BindingFailureFilter> logger) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.ModelState.IsValid)
        {
            return;
        }
        var roots = context.ActionDescriptor.BoundProperties.Cast<Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor>()
            .Concat(context.HandlerMethod?.Parameters ?? [])
            .Where(p => p.BindingInfo?.BindingSource is not { } source || !source.CanAcceptDataFrom(BindingSource.Services))
            .Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, Metadata: metadata.GetMetadataForType(p.ParameterType)));
        foreach (var (name, model) in roots)
        {
            if (NonTextKeys(name, model).FirstOrDefault(key => HasErrors(context.ModelState, key)) is { } bad)
            {
                logger.LogInformation("{Page}: « {Key} » is not a valid value; answered 404", context.ActionDescriptor.ViewEnginePath, bad);
                context.Result = new NotFoundResult();
                return;
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>The keys of the non-text simple values under a bound root: itself, its list items, or its properties one level down.</summary>
    private static IEnumerable<string> NonTextKeys(string name, ModelMetadata model)
    {
        if (IsNonText(model))
        {
            yield return name;
        }
        else if (model.IsEnumerableType && model.ElementMetadata is { } element && IsNonText(element))
        {
            yield return name;
        }
        else if (model.IsComplexType && !model.IsEnumerableType)
        {
            foreach (var property in model.Properties)
            {
                if (IsNonText(property) || (property.IsEnumerableType && property.ElementMetadata is { } item && IsNonText(item)))
                {
                    yield return name + "." + property.PropertyName;
                }
            }
        }
    }

    private static bool IsNonText(ModelMetadata model) => !model.IsComplexType && model.UnderlyingOrModelType != typeof(string);

    /// <summary>The entry itself or any of its items (« uids[0] », « Uids »): a list posted as repeated keys binds under its name.</summary>
    private static bool HasErrors(ModelStateDictionary state, string key) =>
        state.Any(e => e.Value is { Errors.Count: > 0 }
            && (e.Key.Equals(key, StringComparison.OrdinalIgnoreCase) || e.Key.StartsWith(key + "[", StringComparison.OrdinalIgnoreCase)));
}

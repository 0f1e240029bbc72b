using Microsoft.Extensions.Options;

namespace WebmailLite.Branding;

/// <summary>
/// Checked at start (<c>ValidateOnStart</c>): a logo that is too big, not SVG, or able to run or fetch anything stops
/// the app with the reason, instead of being served to every person on every page.
/// </summary>
public sealed class BrandingOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrandingOptions>
{
    public ValidateOptionsResult Validate(string? name, BrandingOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in new[] { ("ServiceName", options.ServiceName), ("Organisation", options.Organisation) })
        {
            if (value is { Length: > BrandingOptions.MaxNameLength })
            {
                failures.Add($"Branding:{key} is {value.Length} characters; at most {BrandingOptions.MaxNameLength} (it is in every page's title).");
            }
            if (value is not null && value.Any(char.IsControl))
            {
                failures.Add($"Branding:{key} must be one line.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Logo))
        {
            // The logo replaces the organisation's name in the header: that name is its text alternative.
            if (string.IsNullOrWhiteSpace(options.Organisation))
            {
                failures.Add("Branding:Logo needs Branding:Organisation: the organisation's name is the logo's text alternative.");
            }
            if (BrandLogo.Load(options.Logo.Trim(), environment.ContentRootPath).Problem is { } problem)
            {
                failures.Add(problem);
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

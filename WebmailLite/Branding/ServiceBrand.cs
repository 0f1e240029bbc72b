using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace WebmailLite.Branding;

/// <summary>
/// The one place that says what the service is called: the header, every title, the statement, the guide and the
/// sender of system mail ask here. The product's own name is not among them (it appears only in the footer credit).
/// </summary>
public sealed class ServiceBrand
{
    private readonly BrandingOptions _options;
    private readonly IStringLocalizer<UiText> _text;

    public ServiceBrand(IOptions<BrandingOptions> options, IStringLocalizer<UiText> text, IHostEnvironment environment)
    {
        _options = options.Value;
        _text = text;
        // Checked by BrandingOptionsValidator at start; read once here.
        Logo = string.IsNullOrWhiteSpace(_options.Logo) ? null : BrandLogo.Load(_options.Logo.Trim(), environment.ContentRootPath).Logo;
    }

    /// <summary>As configured, or the default in the request's language.</summary>
    public string ServiceName => string.IsNullOrWhiteSpace(_options.ServiceName) ? _text["DefaultServiceName"] : _options.ServiceName.Trim();

    /// <summary>The same name in French, whatever the request's language: for mail, whose language is French.</summary>
    public string ServiceNameFrench => string.IsNullOrWhiteSpace(_options.ServiceName) ? DefaultServiceNameFrench : _options.ServiceName.Trim();

    public const string DefaultServiceNameFrench = "Messagerie académique";

    /// <summary>Null when none is configured.</summary>
    public string? Organisation => string.IsNullOrWhiteSpace(_options.Organisation) ? null : _options.Organisation.Trim();

    public BrandLogo? Logo { get; }

    /// <summary>« Messagerie académique – Académie d'Aix-Marseille », or the service alone.</summary>
    public string FullName => Organisation is { } organisation ? ServiceName + " – " + organisation : ServiceName;

    /// <summary>What ends every page's title, after « – ».</summary>
    public string TitleSuffix => FullName;
}

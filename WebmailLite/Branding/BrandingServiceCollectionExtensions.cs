using Microsoft.Extensions.Options;

namespace WebmailLite.Branding;

public static class BrandingServiceCollectionExtensions
{
    public static IServiceCollection AddBranding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrandingOptions>().Bind(configuration.GetSection(BrandingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrandingOptions>, BrandingOptionsValidator>();
        services.AddSingleton<ServiceBrand>();
        return services;
    }
}

namespace WebmailLite.Accessibility;

public static class AccessibilityServiceCollectionExtensions
{
    /// <summary>The accessibility statement: the evidence table read once, the settings of who answers for it.</summary>
    public static IServiceCollection AddAccessibilityStatement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessibilityOptions>().Bind(configuration.GetSection(AccessibilityOptions.Section)).ValidateOnStart()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Organisation), "Accessibility:Organisation must name the organisation responsible for the service.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ContactUrl) || (Uri.TryCreate(o.ContactUrl, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps),
                "Accessibility:ContactUrl must be an https:// address.");
        services.AddSingleton(_ => ConformanceTable.LoadEmbedded());
        services.AddSingleton<AccessibilityStatement>();
        return services;
    }
}

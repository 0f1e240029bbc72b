namespace WebmailLite.Guide;

public static class GuideServiceCollectionExtensions
{
    /// <summary>The guide: one Markdig pipeline, the rendered sections, kept for the life of the app; the rectorat's address for the letter.</summary>
    public static IServiceCollection AddGuide(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RectoratOptions>().Bind(configuration.GetSection(RectoratOptions.Section)).ValidateOnStart()
            .Validate(o => o.ServiceLines.Concat(o.PostalLines).All(l => l.Length <= RectoratOptions.MaxLineLength && !l.Any(char.IsControl)),
                $"Guide:Rectorat: each line of Service and PostalAddress must be at most {RectoratOptions.MaxLineLength} characters, without control characters.")
            .Validate(o => o.ServiceLines.Count <= RectoratOptions.MaxLines && o.PostalLines.Count <= RectoratOptions.MaxLines,
                $"Guide:Rectorat: Service and PostalAddress have at most {RectoratOptions.MaxLines} lines each.");
        services.AddSingleton(_ => GuideMarkdown.CreatePipeline());
        services.AddSingleton<IGuideAssets, StaticGuideAssets>();
        services.AddSingleton(sp => new GuideCatalog(sp.GetRequiredService<Markdig.MarkdownPipeline>(), sp.GetRequiredService<IGuideAssets>()));
        services.AddHostedService<GuideWarmUp>();
        return services;
    }
}

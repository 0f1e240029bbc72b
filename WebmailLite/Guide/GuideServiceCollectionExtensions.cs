namespace WebmailLite.Guide;

public static class GuideServiceCollectionExtensions
{
    /// <summary>The guide: one Markdig pipeline, the rendered sections, kept for the life of the app.</summary>
    public static IServiceCollection AddGuide(this IServiceCollection services)
    {
        services.AddSingleton(_ => GuideMarkdown.CreatePipeline());
        services.AddSingleton<IGuideAssets, StaticGuideAssets>();
        services.AddSingleton(sp => new GuideCatalog(sp.GetRequiredService<Markdig.MarkdownPipeline>(), sp.GetRequiredService<IGuideAssets>()));
        services.AddHostedService<GuideWarmUp>();
        return services;
    }
}

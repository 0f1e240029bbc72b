namespace WebmailLite.Guide;

/// <summary>Renders the guide once the app has started (its endpoints, hence its asset URLs, are then known).</summary>
public sealed class GuideWarmUp(IHostApplicationLifetime lifetime, GuideCatalog catalog, ILogger<GuideWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            try
            {
                catalog.Warm();
            }
            catch (GuideRenderException e)
            {
                // Said loudly at start-up; the guide pages then answer with the error page until the content is fixed.
                logger.LogCritical(e, "The guide's content cannot be rendered");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

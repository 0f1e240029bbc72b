using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace WebmailLite.Operations;

/// <summary>
/// Health for the load balancer and metrics for the operators. « vivant »: the process answers (restart it if not);
/// « pret »: the store and the IMAP server answer too (send it people if so). Metrics in Prometheus text format.
/// </summary>
public static class OperationsEndpoints
{
    public const string Live = "/sante/vivant";
    public const string Ready = "/sante/pret";
    public const string Metrics = "/metriques";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OperationsOptions>(configuration.GetSection(OperationsOptions.Section));
        services.AddSingleton<SignInMetrics>();
        services.AddSingleton<WebmailMetrics>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<ImapHealthCheck>("imap", tags: [ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WebmailMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Every scrape reads the gauges afresh (the exporter would otherwise answer from a 300 ms cache).
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // The gauges observe the sessions and the outbox from the first scrape on.
        _ = app.Services.GetRequiredService<WebmailMetrics>();
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Metrics),
            branch => branch.Use(async (context, next) =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value;
                if (!options.MayReadMetrics(context.Connection.RemoteIpAddress))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await next(context);
            }));
        app.MapPrometheusScrapingEndpoint(Metrics);
        return app;
    }
}

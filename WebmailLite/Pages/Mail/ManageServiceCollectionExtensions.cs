namespace WebmailLite.Pages.Mail;

public static class ManageServiceCollectionExtensions
{
    /// <summary>Managing messages and folders, search and sort: the pages' shared action runner.</summary>
    public static IServiceCollection AddMailManagement(this IServiceCollection services)
    {
        // Localizers read the request's culture at each call: one instance serves every request.
        services.AddSingleton<MessageActions>();
        return services;
    }
}

using WebmailLite.Mail.Imap;

namespace WebmailLite.Mail;

public static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MailOptions.Section);
        services.Configure<MailOptions>(section);

        // Thread-safe, built once: the sanitizer's configuration is not cheap.
        services.AddSingleton<Rendering.MessageRenderer>();

        var options = section.Get<MailOptions>() ?? new MailOptions();
        if (!options.UsePractice)
        {
            // Stateless: each sign-in builds its own ImapMailbox, which the session then owns.
            services.AddSingleton<IMailService, ImapMailService>();
        }

        // Otherwise no IMAP host is configured: the practice mailbox's AddPractice() registers its own IMailService.
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;
using WebmailLite.Practice;

namespace WebmailLite.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in (within its attempt limits), the account directory and the system mail. The directory is Dovecot's passwd-file when
    /// <c>Accounts:PasswdFile</c> is set, otherwise the practice directory; system mail goes over SMTP with
    /// <c>Accounts:SystemAccount</c> when a mail server is configured, otherwise into the practice mailboxes.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInService>();

        var section = configuration.GetSection(AccountsOptions.Section);
        services.AddOptions<AccountsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();

        var accounts = section.Get<AccountsOptions>() ?? new AccountsOptions();
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (accounts.UsesPasswdFile)
        {
            services.AddSingleton<IAccountDirectory, PasswdFileAccountDirectory>();
        }
        else
        {
            // With a mail server but no passwd-file (an LDAP directory is not supported yet), this store is empty:
            // recovery then knows no account, and its answers read the same as for an unknown identifier.
            services.TryAddSingleton<PracticeStore>();
            services.AddSingleton<IAccountDirectory, PracticeAccountDirectory>();
        }

        if (mail.UsePractice)
        {
            services.TryAddSingleton<PracticeStore>();
            services.AddSingleton<ISystemMail, PracticeSystemMail>();
        }
        else
        {
            services.AddSingleton<ISystemMail, SmtpSystemMail>();
        }
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts.Ldap;
using WebmailLite.Contacts;
using WebmailLite.Practice;

namespace WebmailLite.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in (within its attempt limits) and the account directory: the académie's LDAP directory when <c>Accounts:Ldap:Url</c> is
    /// set, Dovecot's passwd-file when <c>Accounts:PasswdFile</c> is, otherwise the practice directory. System mail (<see cref="ISystemMail"/>) comes with the mail server chosen in
    /// <c>Program.cs</c>: over SMTP with <c>Accounts:SystemAccount</c> (<c>AddImapServer</c>), or into the practice
    /// mailboxes (<c>AddPractice</c>).
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInThrottleOptions>()
            .Bind(configuration.GetSection(SignInThrottleOptions.Section))
            .Validate(o => o.MaxFailuresPerDevice >= 1, "SignIn:MaxFailuresPerDevice must be at least 1.")
            .Validate(o => o.DeviceLifetime > TimeSpan.Zero, "SignIn:DeviceLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DeviceTokens>();
        services.AddSingleton<SignInService>();

        var section = configuration.GetSection(AccountsOptions.Section);
        services.AddOptions<AccountsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();

        var accounts = section.Get<AccountsOptions>() ?? new AccountsOptions();
        if (accounts.UsesLdap)
        {
            services.AddSingleton<LdapConnector>();
            services.AddSingleton<StaffDirectory>();
            services.AddHostedService<StaffDirectoryLoader>();
            services.AddSingleton<IAccountDirectory, LdapAccountDirectory>();
            // Colleagues from the directory beside the person's contacts (AddContacts registers those alone otherwise).
            services.AddSingleton<IRecipientSuggestions, DirectorySuggestions>();
        }
        else if (accounts.UsesPasswdFile)
        {
            services.AddSingleton<IAccountDirectory, PasswdFileAccountDirectory>();
        }
        else
        {
            // With a mail server but neither a directory nor a passwd-file, this store is empty:
            // recovery then knows no account, and its answers read the same as for an unknown identifier.
            services.TryAddSingleton<PracticeStore>();
            services.AddSingleton<IAccountDirectory, PracticeAccountDirectory>();
        }

        return services;
    }
}

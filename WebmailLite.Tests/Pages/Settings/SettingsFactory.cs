using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Practice;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Settings;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>
/// The app in practice mode for « Sécurité du compte »: cheap hashes (these tests are about pages), and system mail
/// captured in memory when asked (otherwise it goes into the practice mailboxes, as in the real app).
/// </summary>
public sealed class SettingsFactory : WebmailFactory
{
    private SettingsFactory(CapturedMail? mail)
        : base(
            null,
            services =>
            {
                services.AddSingleton(provider => new PracticeStore(provider.GetRequiredService<AppDatabase>(), provider.GetRequiredService<TimeProvider>(), iterations: 1_000));
                if (mail is not null)
                {
                    services.AddSingleton<ISystemMail>(mail);
                }
            })
    {
        Mail = mail;
    }

    public CapturedMail? Mail { get; }

    /// <summary>System mail captured (for reading codes and notifications).</summary>
    public static SettingsFactory Capturing() => new(new CapturedMail());

    /// <summary>System mail delivered into the practice mailboxes, as in the real app.</summary>
    public static SettingsFactory Practice() => new(null);

    public Task<HttpClient> CamilleAsync() => this.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    public async Task<IReadOnlyList<MimeMessage>> SentAsync()
    {
        var mailer = Services.GetRequiredService<RecoveryMailer>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (mailer.Pending > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        return Mail?.Messages.ToList() ?? [];
    }

    public async Task<string> CodeSentToAsync(string to)
    {
        var mail = (await SentAsync()).Last(m => m.To.Mailboxes.Any(a => a.Address == to));
        return System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"\b\d{8}\b").Value;
    }
}

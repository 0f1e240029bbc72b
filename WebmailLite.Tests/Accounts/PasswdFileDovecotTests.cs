using System.Diagnostics;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Accounts;

/// <summary>The passwd-file directory against the real Dovecot of the test rig, on the rig's own passwd-file.</summary>
[Trait("Category", "MailServer")]
public sealed class PasswdFileDovecotTests(ITestOutputHelper output)
{
    private static PasswdFileAccountDirectory Directory(int cost = AccountsOptions.DefaultPasswordHashCost) => new(
        Options.Create(new AccountsOptions { PasswdFile = MailServer.Instance.PasswdFile, PasswordHashCost = cost }),
        Options.Create(new MailOptions { AddressDomain = MailServer.Instance.Domain }),
        NullLogger<PasswdFileAccountDirectory>.Instance);

    [Fact]
    public async Task SetPasswordAsync_TheNewPasswordSignsInAtOnce_TheOldOneIsRefused()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("cmartin");
        var renewed = account with { Password = "Une phrase de passe toute neuve" };

        // Typed as a person would: Dovecot lowercases logins, the directory finds the file's spelling.
        Assert.True(await Directory().SetPasswordAsync(account.Identifier.ToUpperInvariant(), renewed.Password, CancellationToken.None));

        // No retry: SetPasswordAsync returns only once Dovecot's next re-read of the file is due.
        using (var client = await server.ConnectImapAsync(renewed))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }
        await Assert.ThrowsAsync<AuthenticationException>(() => server.ConnectImapAsync(account));
        var line = File.ReadAllLines(server.PasswdFile).Single(l => l.StartsWith(account.Identifier + ":", StringComparison.Ordinal));
        Assert.StartsWith($"{account.Identifier}:{{BLF-CRYPT}}$2y${AccountsOptions.DefaultPasswordHashCost}$", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoConcurrentPasswordChanges_WhileTheRigCreatesAnAccount_AllWork()
    {
        var server = MailServer.Instance;
        var accounts = await server.CreateAccountsAsync("anne", "bruno");
        // The least cost allowed: this test is about the file under concurrent writers, not the hash's strength.
        var directory = Directory(cost: AccountsOptionsValidator.MinPasswordHashCost);

        var changes = accounts.Select(a => directory.SetPasswordAsync(a.Identifier, "nouveau-" + a.Identifier, CancellationToken.None)).ToList();
        var created = server.CreateAccountAsync("claire");
        Assert.All(await Task.WhenAll(changes), Assert.True);
        var claire = await created;

        foreach (var account in accounts)
        {
            using var client = await server.ConnectImapAsync(account with { Password = "nouveau-" + account.Identifier });
            await client.DisconnectAsync(true);
            await Assert.ThrowsAsync<AuthenticationException>(() => server.ConnectImapAsync(account));
        }
        using (var client = await server.ConnectImapAsync(claire))
        {
            await client.DisconnectAsync(true);
        }
        // Still a file Dovecot reads as a whole: every line is user:password plus the rest.
        Assert.All(File.ReadAllLines(server.PasswdFile).Where(l => l.Length > 0 && !l.StartsWith('#')),
            l => Assert.True(l.Split(':').Length >= 2, l));
    }

    [Fact]
    public async Task SetPasswordAsync_UnknownIdentifier_ReturnsFalse()
    {
        Assert.False(await Directory().SetPasswordAsync("personne-inconnue", "mot de passe", CancellationToken.None));
    }

    /// <summary>
    /// What each bcrypt cost adds to an IMAP sign-in on this machine (shown in the test output). The bound is loose
    /// (a busy CI machine must not fail it); it catches a cost set far too high.
    /// </summary>
    [Fact]
    public async Task SignInTime_PerBcryptCost_StaysReasonableAtTheDefault()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("mesure");
        async Task<TimeSpan> MedianSignInAsync(TestAccount who, string label)
        {
            var times = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                using var client = await server.ConnectImapAsync(who);
                watch.Stop();
                times.Add(watch.Elapsed);
                await client.DisconnectAsync(true);
            }
            var median = times.Order().ElementAt(times.Count / 2);
            output.WriteLine($"{label}: median sign-in {median.TotalMilliseconds:F0} ms ({string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
            return median;
        }

        await MedianSignInAsync(account, "{SSHA512} (the rig's own hashes)");
        var results = new Dictionary<int, TimeSpan>();
        foreach (var cost in new[] { 10, 11, 12 })
        {
            var renewed = account with { Password = "mesure du cout " + cost };
            await Directory(cost).SetPasswordAsync(account.Identifier, renewed.Password, CancellationToken.None);
            results[cost] = await MedianSignInAsync(renewed, $"{{BLF-CRYPT}} cost {cost}");
        }

        Assert.True(results[AccountsOptions.DefaultPasswordHashCost] < TimeSpan.FromSeconds(3),
            $"A sign-in at the default cost takes {results[AccountsOptions.DefaultPasswordHashCost].TotalMilliseconds:F0} ms.");
    }
}

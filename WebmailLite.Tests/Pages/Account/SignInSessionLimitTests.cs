using System.Net;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Accounts;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>
/// Issue 10, point 7, against the real Dovecot: one session too many for a person (every session reaches IMAP from the
/// app's address, so Dovecot's <c>mail_max_userip_connections</c> is a per-person limit; 50 on the test rig, 10 by
/// default) is answered <c>NO [LIMIT]</c> — only for the right password. It is not a wrong password: said as what it
/// is, and never counted as a failure.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class SignInSessionLimitTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    /// <summary>Opens IMAP sessions for <paramref name="account"/> until Dovecot refuses one more with <c>NO [LIMIT]</c>.</summary>
    private static async Task<List<ImapClient>> FillSessionsAsync(TestAccount account)
    {
        var held = new List<ImapClient>();
        for (var i = 0; i < 200; i++)
        {
            // Not disposed: a held client keeps logging into it (a MemoryStream holds no resource).
            var transcript = new MemoryStream();
            var client = new ImapClient(new ProtocolLogger(transcript, leaveOpen: true)) { Timeout = 10_000 };
            try
            {
                await client.ConnectAsync(MailServer.Instance.ImapHost, MailServer.Instance.ImapPort, SecureSocketOptions.None);
                await client.AuthenticateAsync(new SaslMechanismPlain(account.Identifier, account.Password));
                held.Add(client);
            }
            catch (AuthenticationException)
            {
                client.Dispose();
                // MailKit's exception says only « Authentication failed. »; the server's line says why.
                var said = System.Text.Encoding.ASCII.GetString(transcript.ToArray());
                Assert.Contains(" NO [LIMIT] Maximum number of connections from user+IP exceeded", said);
                return held;
            }
        }
        throw new InvalidOperationException("Dovecot never refused a session: is mail_max_userip_connections set?");
    }

    private static async Task FreeAsync(List<ImapClient> held)
    {
        foreach (var client in held)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }
    }

    [Fact]
    public async Task SessionLimitReached_SaysSo_IsNeverCounted_AndTheRightPasswordWorksOnceSessionsAreFreed()
    {
        var account = await MailServer.Instance.CreateAccountAsync("limite");
        var signIn = _factory.Services.GetRequiredService<SignInService>();
        var held = await FillSessionsAsync(account);
        HtmlPage first, wrong;
        var waits = new List<TimeSpan>();
        try
        {
            first = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync(account.Identifier, account.Password));
            waits.Add(signIn.WaitBefore(account.Identifier, null));
            // Five more refusals: before, the fifth failure counted locked the right password out for 15 minutes.
            for (var i = 0; i < 5; i++)
            {
                await _factory.NewClient().SignInAsync(account.Identifier, account.Password);
            }
            waits.Add(signIn.WaitBefore(account.Identifier, null));
            // At the limit, a wrong password is still a wrong password (Dovecot checks it first).
            wrong = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync(account.Identifier, "pas-le-bon"));
        }
        finally
        {
            await FreeAsync(held);
        }
        var after = await SignInWhenDovecotHasCountedTheFreedSessionsAsync(account);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], waits);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.StartsWith("Erreur : ", first.Title);
        Assert.StartsWith("Trop de sessions de messagerie sont ouvertes en même temps avec cet identifiant.", first.Text(".err-sum li"));
        Assert.Contains("déconnectez-vous de l'autre ordinateur", first.Text(".err-sum li"));
        Assert.DoesNotContain("incorrect", first.Html);
        Assert.StartsWith("L'identifiant académique ou le mot de passe est incorrect.", wrong.Text(".err-sum li"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/courrier", after.Headers.Location?.OriginalString);
    }

    // Dovecot's anvil forgets a session when its imap process has ended, a moment after LOGOUT.
    private async Task<HttpResponseMessage> SignInWhenDovecotHasCountedTheFreedSessionsAsync(TestAccount account)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await _factory.NewClient().SignInAsync(account.Identifier, account.Password);
            if (response.StatusCode == HttpStatusCode.Redirect || DateTime.UtcNow > deadline)
            {
                return response;
            }
            var page = await HtmlPage.LoadAsync(response);
            if (!page.Html.Contains("Trop de sessions", StringComparison.Ordinal))
            {
                return response;
            }
            await Task.Delay(200);
        }
    }
}

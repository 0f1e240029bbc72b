using System.Net;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Cluster;

/// <summary>
/// Two instances of the app on one PostgreSQL behind HAProxy, each in its own process, against the rig's Dovecot and
/// Postfix: what one instance knows, the other knows too — limits, Data Protection keys, whose a session was.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "PostgreSQL")]
[Trait("Category", "MailServer")]
public sealed class ClusterTests(ClusterTests.Fixture fixture) : IClassFixture<ClusterTests.Fixture>
{
    private Cluster Cluster => fixture.Cluster;

    /// <summary>One cluster for the class: every test signs in its own accounts.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public Cluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await Cluster.StartAsync(2, new()
        {
            ["SignIn:MaxFailuresPerIdentifier"] = "3",
            ["SignIn:MaxFailuresPerAddress"] = "1000",
        });

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }

    [Fact]
    public async Task AFormFromOneInstance_IsAcceptedByTheOther_AntiforgeryAndDataProtectionShared()
    {
        var account = await MailServer.Instance.CreateAccountAsync("grappe");
        var client = Cluster.Client("app1");
        var form = await HtmlPage.GetAsync(client, "/");
        Cluster.Pin(client, "app2");

        var posted = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = account.Identifier,
            ["Input.Password"] = account.Password,
        });

        // The token and its cookie were made by app1's keys; app2 reads them (a 400 otherwise) and signs the person in.
        Assert.Equal("app2", Cluster.InstanceOf(posted));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/courrier", posted.Headers.Location?.OriginalString);
        var inbox = await client.GetAsync("/courrier");
        Assert.Equal((HttpStatusCode.OK, "app2"), (inbox.StatusCode, Cluster.InstanceOf(inbox)));
    }

    [Fact]
    public async Task SignInFailures_CountOnEveryInstance()
    {
        var account = await MailServer.Instance.CreateAccountAsync("grappe-limite");
        foreach (var instance in new[] { "app1", "app2", "app1" })
        {
            var client = Cluster.Client(instance);
            var page = await HtmlPage.GetAsync(client, "/");
            var refused = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string>
            {
                ["Input.Identifier"] = account.Identifier,
                ["Input.Password"] = "pas le bon",
            }));
            Assert.Contains("L'identifiant académique ou le mot de passe est incorrect", refused.Text(".err-sum"));
        }

        // The third failure was on app1; app2, asked with the right password, knows the limit is reached.
        var other = Cluster.Client("app2");
        var form = await HtmlPage.GetAsync(other, "/");
        var blocked = await HtmlPage.LoadAsync(await form.SubmitAsync(other, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = account.Identifier,
            ["Input.Password"] = account.Password,
        }));
        Assert.Contains("Trop de tentatives de connexion ont échoué", blocked.Text(".err-sum"));
    }
}

/// <summary>An instance killed under a person who was writing: a cluster of its own, since the test kills one of its instances.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "PostgreSQL")]
[Trait("Category", "MailServer")]
public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private Cluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await Cluster.StartAsync(2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnInstanceKilledMidSession_TheNextPostGoesToTheOther_FormKept_RestoredAfterSigningInThere()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("grappe-panne", "grappe-dest");
        var (me, recipient) = (accounts[0], accounts[1]);
        var client = _cluster.Client("app1");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(me.Identifier, me.Password)).StatusCode);
        var compose = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        Assert.Equal("app1", Cluster.InstanceOf(compose.Response));

        _cluster.Kill("app1");
        var subject = "Écrit pendant la panne " + Guid.NewGuid().ToString("N")[..6];
        var posted = await compose.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = recipient.Address,
            ["Input.Subject"] = subject,
            ["Input.Body"] = "Le texte tapé avant la panne ne doit pas être perdu.",
        });

        // app2 never saw this session, but the database says whose it was: the form is kept for that person.
        Assert.Equal("app2", Cluster.InstanceOf(posted));
        Assert.Equal("/?session=expiree&conserve=1", posted.Headers.Location?.OriginalString);
        var signedIn = await client.SignInAsync(me.Identifier, me.Password);
        Assert.Equal("/courrier/ecrire?conserve=1", signedIn.Headers.Location?.OriginalString);
        var restored = await HtmlPage.GetAsync(client, "/courrier/ecrire?conserve=1");
        Assert.Equal(subject, restored.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Le texte tapé avant la panne ne doit pas être perdu.", ((AngleSharp.Html.Dom.IHtmlTextAreaElement)restored.Query("#Input_Body")!).Value);
        var sent = await restored.SubmitAsync(client, "form.compose", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await MailServer.Instance.WaitForMessageAsync(recipient, subject);
    }
}

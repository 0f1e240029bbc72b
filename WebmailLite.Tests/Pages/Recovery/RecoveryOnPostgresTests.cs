using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Accounts;
using WebmailLite.Practice;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Recovery;

/// <summary>
/// « Mot de passe oublié » on two app instances sharing one PostgreSQL schema behind a load balancer that sends each
/// request to the other instance: the code asked on one is typed on the other, the grant made there is used on the
/// first, the request to the desk is seen by both. (The practice directory stays each instance's own LiteDB.)
/// </summary>
[Trait("Category", "PostgreSQL")]
public sealed class RecoveryOnPostgresTests : IDisposable
{
    private const string NewPassword = "le chat dort sur trois coussins";

    private readonly CapturingSystemMail _mail = new();
    private readonly TwoInstances _instances;

    public RecoveryOnPostgresTests() =>
        _instances = new TwoInstances(schema => new WebmailFactory(schema.AppSettings(), services => services.AddSingleton<ISystemMail>(_mail)));

    private WebmailFactory First => _instances.First;

    private WebmailFactory Second => _instances.Second;

    public void Dispose() => _instances.Dispose();

    /// <summary>A browser (cookies kept) behind a balancer alternating between the two instances.</summary>
    private HttpClient NewBalancedClient(out AlternatingHandler balancer)
    {
        // The first instance starts, and makes the Data Protection key, before the second is asked anything.
        var first = First.Server.CreateHandler();
        balancer = new AlternatingHandler(first, Second.Server.CreateHandler());
        return new HttpClient(new CookieContainerHandler(new CookieContainer()) { InnerHandler = balancer }) { BaseAddress = new Uri("http://localhost") };
    }

    [Fact]
    public async Task CodeByMail_AskedOnOneInstance_OpensTheAccountOnTheOther()
    {
        using var client = NewBalancedClient(out var balancer);

        var codePage = await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        Assert.Equal("Saisir le code", codePage.Text("h1"));
        var code = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(1));
        await RecoveryFlow.FinishAsync(client, code, NewPassword);

        Assert.True(balancer.Served.Distinct().Count() == 2, "both instances served the journey");
        foreach (var instance in new[] { First, Second })
        {
            Assert.IsType<PostgresRecoveryCodeStore>(instance.Services.GetRequiredService<IRecoveryCodeStore>());
            var audit = instance.Services.GetRequiredService<IRecoveryAudit>().For(PracticeSeed.Identifier);
            Assert.Contains(audit, e => e.Event == AuditEvent.PasswordChanged && e.Method == RecoveryMethod.ContactMail && e.Outcome == AuditOutcome.Success);
            Assert.False(instance.Services.GetRequiredService<IRecoveryCodeStore>().HasLiveCode(PracticeSeed.Identifier, CodePurpose.PasswordReset));
        }
    }

    [Fact]
    public async Task ARequestToTheDesk_SentToOneInstance_IsSeenByTheOther_WithOneNumber()
    {
        using var client = NewBalancedClient(out _);
        var method = await RecoveryFlow.StartAsync(client, PracticeSeed.SecondIdentifier);
        Assert.Equal("/mot-de-passe-oublie/assistance", (await RecoveryFlow.ChooseAsync(client, method, "Assistance")).Headers.Location?.OriginalString);
        var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
        var sent = await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "06 12 34 56 78" });
        Assert.Equal("/mot-de-passe-oublie/assistance/envoyee", sent.Headers.Location?.OriginalString);

        var seenByFirst = Assert.Single(First.Services.GetRequiredService<IAssistanceTicketStore>().List(open: true));
        var seenBySecond = Assert.Single(Second.Services.GetRequiredService<IAssistanceTicketStore>().List(open: true));
        Assert.Equal(seenByFirst.Id, seenBySecond.Id);
        Assert.Equal("06 12 34 56 78", seenBySecond.HowToReach);

        // The agent works on the first instance; the person types the code read out to them wherever the balancer sends them.
        var code = await First.Services.CreateScope().ServiceProvider.GetRequiredService<AssistanceDesk>()
            .IssueCodeAsync(seenByFirst, "agent.test", "Rappel au numéro de l'annuaire, NUMEN confirmé", default);
        await RecoveryFlow.FinishAsync(client, code!, NewPassword);
    }

    /// <summary>Sends each request to the next instance in turn, remembering which served what.</summary>
    public sealed class AlternatingHandler(params HttpMessageHandler[] instances) : DelegatingHandler
    {
        private readonly HttpMessageInvoker[] _invokers = [.. instances.Select(i => new HttpMessageInvoker(i))];
        private int _next;

        public List<int> Served { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var instance = _next++ % _invokers.Length;
            Served.Add(instance);
            return _invokers[instance].SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var invoker in _invokers)
                {
                    invoker.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}

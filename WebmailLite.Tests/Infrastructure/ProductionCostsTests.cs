using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Practice;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The app with the production costs every other test cuts (<see cref="WebmailFactory.TestCostSettings"/>): the
/// values a deployment gets when it sets nothing still work, and the cut really applies where it is meant to.
/// </summary>
public sealed class ProductionCostsTests
{
    private static int StoredIterations(WebmailFactory factory, string identifier) =>
        factory.Services.GetRequiredService<AppDatabase>().Collection<PracticeStore.Account>("practice_accounts").FindById(identifier).Iterations;

    [Fact]
    public async Task PracticeSignIn_WithTheProductionHashing_Works_AndStores600000Iterations()
    {
        using var factory = new WebmailFactory(productionCosts: true);

        await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        Assert.Equal(600_000, StoredIterations(factory, PracticeSeed.Identifier));
        Assert.Equal(600_000, StoredIterations(factory, PracticeSeed.SecondIdentifier));
        Assert.Equal(600_000, factory.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.AnswerHashIterations);
    }

    /// <summary>The floor that hides whether an identifier exists; the other tests run it at 1 ms.</summary>
    [Theory]
    [InlineData(PracticeSeed.Identifier)]
    [InlineData("personne.inconnue")]
    public async Task AskingACode_WithTheProductionFloor_AnswersNoSoonerThan150Ms(string identifier)
    {
        using var factory = new WebmailFactory(productionCosts: true);
        var client = factory.NewClient();
        var chosen = await RecoveryFlow.ChooseAsync(client, await RecoveryFlow.StartAsync(client, identifier), "ContactMail");
        Assert.Equal("/mot-de-passe-oublie/courriel", chosen.Headers.Location?.OriginalString);
        var byMail = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/courriel");

        var watch = Stopwatch.StartNew();
        var sent = await byMail.SubmitAsync(client, "main form");
        watch.Stop();

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(150), factory.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.MinimumResponseTime);
        // A timer may fire a hair early; 145 ms still proves the floor is there (the cut one is 1 ms).
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(145), $"answered in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void TheDefaultTestFactory_CutsTheCosts()
    {
        using var factory = new WebmailFactory();
        _ = factory.Server;

        Assert.Equal(1_000, StoredIterations(factory, PracticeSeed.Identifier));
        Assert.Equal(TimeSpan.FromMilliseconds(1), factory.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.MinimumResponseTime);
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using WebmailLite.Accessibility;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Accessibility;

/// <summary>
/// The RGAA evidence table (<c>docs/rgaa/criteres.md</c>) is complete, and the statement says what it says: one
/// source of truth for the rate, the counts and the non-conformities.
/// </summary>
public sealed partial class ConformanceTableTests : IClassFixture<ConformanceTableTests.Fixture>
{
    /// <summary>Criteria per theme in RGAA 4.1: images 9, frames 2, colours 3, multimedia 13, tables 8, links 2,
    /// scripts 5, mandatory elements 10, structure 4, presentation 14, forms 13, navigation 11, consultation 12.</summary>
    private static readonly int[] CriteriaPerTheme = [9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12];

    private readonly Fixture _fixture;

    public ConformanceTableTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public void EveryCriterion_From1_1To13_12_IsThereOnce_WithAStatus()
    {
        var table = ConformanceTable.LoadEmbedded();

        var expected = CriteriaPerTheme.SelectMany((count, theme) => Enumerable.Range(1, count).Select(rank => $"{theme + 1}.{rank}")).ToList();
        Assert.Equal(ConformanceTable.CriteriaCount, expected.Count);
        Assert.Equal(expected, table.Criteria.Select(c => c.Number));
        Assert.All(table.Criteria, c => Assert.True(Enum.IsDefined(c.Status) && c.Title.Length > 0 && c.Evidence.Length > 0, c.Number));
        Assert.Equal(ConformanceTable.CriteriaCount, table.Count(RgaaStatus.Compliant) + table.Count(RgaaStatus.NonCompliant) + table.Count(RgaaStatus.NotApplicable));
    }

    /// <summary>No C without a proof: a criterion marked compliant names a test or a check, never « non vérifié ».</summary>
    [Fact]
    public void CompliantCriteria_HaveEvidence_AndUncheckedOnesAreNonCompliant()
    {
        var table = ConformanceTable.LoadEmbedded();

        Assert.All(table.Criteria.Where(c => c.Evidence.Contains("non vérifié", StringComparison.OrdinalIgnoreCase)),
            c => Assert.Equal(RgaaStatus.NonCompliant, c.Status));
    }

    /// <summary>Every test class the table cites as evidence exists: renaming or deleting one breaks the table here.</summary>
    [Fact]
    public void EveryTestClassCitedAsEvidence_Exists()
    {
        var table = ConformanceTable.LoadEmbedded();
        var testClasses = typeof(ConformanceTableTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var cited = table.Criteria.SelectMany(c => TestClassName().Matches(c.Evidence + " " + c.Remarks).Select(m => (c.Number, m.Value))).ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, c => Assert.True(testClasses.Contains(c.Value), $"{c.Number} cites {c.Value}, which is no test class."));
    }

    [Theory]
    [InlineData("C", RgaaStatus.Compliant)]
    [InlineData("NC", RgaaStatus.NonCompliant)]
    [InlineData("NA", RgaaStatus.NotApplicable)]
    public void Parse_ReadsTheThreeStatuses(string cell, RgaaStatus status)
    {
        var table = ConformanceTable.Parse($"Date de l'évaluation : 2026-12-06\n| 1.1 | Titre | {cell} | Preuve | |\n");

        Assert.Equal(status, Assert.Single(table.Criteria).Status);
        Assert.Equal(new DateOnly(2026, 12, 6), table.EvaluatedOn);
    }

    [Theory]
    [InlineData("| 1.1 | Titre | à vérifier | Preuve | |", "C, NC and NA only")]
    [InlineData("| 1.1 | Titre | C | | |", "needs a title and its evidence")]
    [InlineData("| 1.1 | Titre | C | Preuve |", "4 cells")]
    public void Parse_RefusesARowItCannotCount(string row, string message)
    {
        var error = Assert.Throws<FormatException>(() => ConformanceTable.Parse($"Date de l'évaluation : 2026-12-06\n{row}\n"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_IsCompliantAmongApplicable_RoundedDown()
    {
        // 2 C, 1 NC, 1 NA: 2 / 3 = 66.7 %, said 66 %.
        var table = ConformanceTable.Parse("Date de l'évaluation : 2026-12-06\n| 1.1 | a | C | p | |\n| 1.2 | b | C | p | |\n| 1.3 | c | NC | non vérifié | |\n| 1.4 | d | NA | p | |\n");

        Assert.Equal(66, table.RatePercent);
        Assert.Equal(ConformanceState.Partial, table.State);
    }

    /// <summary>The published statement's rate, counts, date and non-conformities are the table's.</summary>
    [Fact]
    public async Task Statement_SaysTheTablesFigures_AndListsEachNonConformity()
    {
        var table = ConformanceTable.LoadEmbedded();
        var page = await HtmlPage.GetAsync(_fixture.Factory.NewClient(), "/accessibilite");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = Regex.Replace(page.Text("main"), @"\s+", " ");
        var applicable = table.Count(RgaaStatus.Compliant) + table.Count(RgaaStatus.NonCompliant);
        Assert.Equal(table.Count(RgaaStatus.Compliant) * 100 / applicable, table.RatePercent);
        Assert.Contains($"révèle que {table.RatePercent} % des critères du RGAA version 4.1 sont respectés", text, StringComparison.Ordinal);
        Assert.Contains($"Critères conformes : {table.Count(RgaaStatus.Compliant)}", text, StringComparison.Ordinal);
        Assert.Contains($"Critères non conformes : {table.Count(RgaaStatus.NonCompliant)}", text, StringComparison.Ordinal);
        Assert.Contains($"Critères non applicables : {table.Count(RgaaStatus.NotApplicable)}", text, StringComparison.Ordinal);
        Assert.Contains($"Total : {ConformanceTable.CriteriaCount} critères", text, StringComparison.Ordinal);
        Assert.Contains("est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1", text, StringComparison.Ordinal);
        Assert.Contains("établie le " + table.EvaluatedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr")), text, StringComparison.Ordinal);
        var listed = page.QueryAll("main ul.nc > li").Select(li => li.QuerySelector("strong")!.TextContent).ToList();
        Assert.Equal(table.NonCompliant.Select(c => c.Number), listed);
        // The footer of every page says the state in words, as the RGAA asks.
        Assert.Equal("Accessibilité : partiellement conforme", page.Text("footer a[href='/accessibilite']"));
    }

    /// <summary>The RGAA model's parts, the organisation and contact from the settings, the remedies.</summary>
    [Fact]
    public async Task Statement_HasTheModelsParts_WithTheAcademiesSettings()
    {
        var page = await HtmlPage.GetAsync(_fixture.Configured.NewClient(), "/accessibilite");

        var headings = page.QueryAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["État de conformité", "Résultats des tests", "Contenus non accessibles", "Limites de temps", "Établissement de cette déclaration", "Retour d'information et contact", "Voies de recours"], headings);
        Assert.Equal(["Non-conformités", "Dérogations pour charge disproportionnée", "Contenus non soumis à l'obligation d'accessibilité", "Technologies utilisées", "Environnement de test", "Outils pour évaluer l'accessibilité", "Pages ayant fait l'objet de la vérification"],
            page.QueryAll("main h3").Select(h => h.TextContent.Trim()));
        var text = Regex.Replace(page.Text("main"), @"\s+", " ");
        Assert.StartsWith("Rectorat de l'académie d'Exemple [test] s'engage", page.Text("main .statement p"), StringComparison.Ordinal);
        Assert.NotNull(page.Query("main a[href='mailto:a11y@ac-exemple.fr']"));
        Assert.Contains("Par courrier : 12 rue de l'École, 00000 Exemple", text, StringComparison.Ordinal);
        Assert.NotNull(page.Query("main a[href='https://www.ac-exemple.fr/contact']"));
        Assert.Contains("Sans activité pendant 10 minutes sur un ordinateur partagé, ou 45 minutes sur un ordinateur personnel", text, StringComparison.Ordinal);
        Assert.NotNull(page.Query("main a[href='https://formulaire.defenseurdesdroits.fr/']"));
        Assert.NotNull(page.Query("main a[href='https://www.defenseurdesdroits.fr/saisir/delegues']"));
        Assert.Contains("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07", text, StringComparison.Ordinal);
        Assert.Contains("Orca", text, StringComparison.Ordinal);
        Assert.Contains("axe-core", text, StringComparison.Ordinal);
    }

    /// <summary>Without settings the contact is accessibilite@ the académie's domain; empty contact lines are left out.</summary>
    [Fact]
    public async Task Statement_WithoutContactSettings_WritesToTheDomainsAddress_AndLeavesOutEmptyLines()
    {
        var page = await HtmlPage.GetAsync(_fixture.Factory.NewClient(), "/accessibilite");

        var contact = page.QueryAll("main #contact + p + ul > li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Par courriel : accessibilite@ac-exemple.fr"], contact);
    }

    [Fact]
    public async Task Statement_InEnglish_ListsTheFrenchCriteriaMarkedAsFrench()
    {
        var client = _fixture.Factory.NewClient();
        await client.GetAsync("/langue?c=en&retour=%2F");

        var page = await HtmlPage.GetAsync(client, "/accessibilite");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Accessibility statement", page.Text("h1"));
        Assert.Equal("fr", page.Query("main ul.nc")!.GetAttribute("lang"));
        Assert.Contains($"shows that {ConformanceTable.LoadEmbedded().RatePercent}% of the criteria", page.Text("main"), StringComparison.Ordinal);
        Assert.Equal("Accessibility: partially compliant", page.Text("footer a[href='/accessibilite']"));
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+Tests\b")]
    private static partial Regex TestClassName();

    public sealed class Fixture : IDisposable
    {
        public WebmailFactory Factory { get; } = new(new Dictionary<string, string?> { ["Mail:AddressDomain"] = "ac-exemple.fr" });

        public WebmailFactory Configured { get; } = new(new Dictionary<string, string?>
        {
            ["Accessibility:Organisation"] = "Rectorat de l'académie d'Exemple [test]",
            ["Accessibility:ContactEmail"] = "a11y@ac-exemple.fr",
            ["Accessibility:ContactPostalAddress"] = "12 rue de l'École, 00000 Exemple",
            ["Accessibility:ContactUrl"] = "https://www.ac-exemple.fr/contact",
            ["Session:SharedIdleTimeout"] = "00:10:00",
            ["Session:PersonalIdleTimeout"] = "00:45:00",
        });

        public void Dispose()
        {
            Factory.Dispose();
            Configured.Dispose();
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace WebmailLite.Accessibility;

/// <summary>
/// The evidence table of the RGAA audit, <c>docs/rgaa/criteres.md</c>, embedded in the assembly at build time: the one
/// source of the statement's figures. The statement never states a rate of its own; it reads it here, so the page and
/// the evidence kept in the repository cannot drift apart.
/// </summary>
public sealed partial class ConformanceTable
{
    /// <summary>Criteria in RGAA 4.1, themes 1 to 13.</summary>
    public const int CriteriaCount = 106;

    private const string ResourceName = "rgaa-criteres.md";

    public ConformanceTable(DateOnly evaluatedOn, IReadOnlyList<RgaaCriterion> criteria)
    {
        EvaluatedOn = evaluatedOn;
        Criteria = criteria;
    }

    public DateOnly EvaluatedOn { get; }

    public IReadOnlyList<RgaaCriterion> Criteria { get; }

    public int Count(RgaaStatus status) => Criteria.Count(c => c.Status == status);

    /// <summary>The RGAA's rate: criteria met among the applicable ones (C / (C + NC)), in whole per cent, rounded down
    /// so that the statement never claims more than the table shows.</summary>
    public int RatePercent
    {
        get
        {
            var applicable = Count(RgaaStatus.Compliant) + Count(RgaaStatus.NonCompliant);
            return applicable == 0 ? 0 : Count(RgaaStatus.Compliant) * 100 / applicable;
        }
    }

    public ConformanceState State =>
        Count(RgaaStatus.NonCompliant) == 0 ? ConformanceState.Full : RatePercent >= 50 ? ConformanceState.Partial : ConformanceState.None;

    public IEnumerable<RgaaCriterion> NonCompliant => Criteria.Where(c => c.Status == RgaaStatus.NonCompliant);

    public static ConformanceTable LoadEmbedded()
    {
        using var stream = typeof(ConformanceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The RGAA evidence table ({ResourceName}, from docs/rgaa/criteres.md) is not embedded.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the date line and every row that starts with a criterion number; a malformed row is an error
    /// naming its line, never a row silently left out of the rate.</summary>
    public static ConformanceTable Parse(string markdown)
    {
        DateOnly? date = null;
        var criteria = new List<RgaaCriterion>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (DateLine().Match(line) is { Success: true } d)
            {
                date = DateOnly.ParseExact(d.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                continue;
            }
            if (!CriterionRow().IsMatch(line))
            {
                continue;
            }
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 5)
            {
                throw new FormatException($"docs/rgaa/criteres.md line {i + 1}: {cells.Length} cells, expected 5 (critère, intitulé, statut, preuve, remarques).");
            }
            var status = cells[2] switch
            {
                "C" => RgaaStatus.Compliant,
                "NC" => RgaaStatus.NonCompliant,
                "NA" => RgaaStatus.NotApplicable,
                _ => throw new FormatException($"docs/rgaa/criteres.md line {i + 1}: status « {cells[2]} » for {cells[0]}; the RGAA knows C, NC and NA only."),
            };
            if (cells[1].Length == 0 || cells[3].Length == 0)
            {
                throw new FormatException($"docs/rgaa/criteres.md line {i + 1}: {cells[0]} needs a title and its evidence (or « non vérifié »).");
            }
            criteria.Add(new RgaaCriterion(cells[0], cells[1], status, cells[3], cells[4]));
        }
        return new ConformanceTable(
            date ?? throw new FormatException("docs/rgaa/criteres.md: no « Date de l'évaluation : yyyy-MM-dd » line."),
            [.. criteria.OrderBy(c => c.Position)]);
    }

    [GeneratedRegex(@"^Date de l'évaluation : (\d{4}-\d{2}-\d{2})\s*$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^\|\s*\d+\.\d+\s*\|")]
    private static partial Regex CriterionRow();
}

namespace WebmailLite.Accessibility;

/// <summary>The three statuses the RGAA knows. There is no « not checked »: a criterion without evidence is NC.</summary>
public enum RgaaStatus
{
    Compliant,
    NonCompliant,
    NotApplicable,
}

/// <summary>The RGAA's three states of conformance, in the statement and in every footer.</summary>
public enum ConformanceState
{
    /// <summary>« totalement conforme »: every applicable criterion met.</summary>
    Full,

    /// <summary>« partiellement conforme »: at least half of them.</summary>
    Partial,

    /// <summary>« non conforme »: fewer than half.</summary>
    None,
}

/// <summary>One row of <c>docs/rgaa/criteres.md</c>.</summary>
public sealed record RgaaCriterion(string Number, string Title, RgaaStatus Status, string Evidence, string Remarks)
{
    /// <summary>Theme and rank (« 10.12 » is (10, 12)), for ordering and for checking that none is missing.</summary>
    public (int Theme, int Rank) Position
    {
        get
        {
            var parts = Number.Split('.');
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

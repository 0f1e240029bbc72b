using System.Diagnostics.Metrics;
using WebmailLite.Mail.Outbox;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Operations;

/// <summary>
/// What the operators watch, in one meter (« WebmailLite »), exported in Prometheus format beside ASP.NET Core's own
/// request durations: signed-in sessions, the IMAP connections they hold (see <see cref="Mail.ImapEndpoint.IdleRelease"/>),
/// sign-ins by outcome (<see cref="SignInMetrics"/>), and the outbox's backlog and the age of its oldest message. Nothing in it names a person.
/// </summary>
public sealed class WebmailMetrics
{
    public const string MeterName = "WebmailLite";

    public WebmailMetrics(IMeterFactory meters, MailSessionManager sessions, IOutboxStore outbox, TimeProvider time)
    {
        // Owned (and disposed) by the factory, which gives every caller of one name the same meter.
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("webmaillite.sessions", () => sessions.Count, unit: "{session}", description: "Signed-in sessions in this instance.");
        meter.CreateObservableGauge("webmaillite.imap.connections", () => sessions.OpenConnections, unit: "{connection}", description: "IMAP connections held by this instance's sessions.");
        meter.CreateObservableGauge("webmaillite.outbox.messages", () => outbox.Backlog().Count, unit: "{message}", description: "Messages waiting to leave.");
        meter.CreateObservableGauge("webmaillite.outbox.oldest_age", () =>
            outbox.Backlog().OldestCreatedAt is { } oldest ? Math.Max(0, (time.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0,
            unit: "s", description: "Age of the oldest message waiting to leave (0 when none waits).");
    }

}

/// <summary>Sign-in attempts by outcome, counted where the sign-in rule lives (<see cref="Accounts.SignInService"/>).</summary>
public sealed class SignInMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _attempts = meters.Create(WebmailMetrics.MeterName)
        .CreateCounter<long>("webmaillite.signins", unit: "{sign-in}", description: "Sign-in attempts, by outcome.");

    /// <summary>One attempt; <paramref name="outcome"/> is a fixed word (« success », « bad_credentials »…), never an identifier.</summary>
    public void Attempted(string outcome) => _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}

using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>
/// Until when each person put off the invitation to prepare their account (« Plus tard »). Kept on the server per
/// identifier, never in the browser: on a school's shared computer the next person must neither inherit someone's
/// « Plus tard » nor lose their own by using another browser.
/// </summary>
public interface IEnrolmentReminderStore
{
    DateTime? PostponedUntil(string identifier);

    void Postpone(string identifier, DateTime until);
}

/// <summary>The postponements in LiteDB (one instance).</summary>
public sealed class LiteDbEnrolmentReminderStore(AppDatabase database) : IEnrolmentReminderStore
{
    private readonly ILiteCollection<Postponement> _postponements = database.Collection<Postponement>("recovery_reminder");

    public DateTime? PostponedUntil(string identifier) => _postponements.FindById(Owner.Of(identifier))?.Until;

    public void Postpone(string identifier, DateTime until) =>
        _postponements.Upsert(new Postponement { Id = Owner.Of(identifier), Until = until });

    public sealed class Postponement
    {
        /// <summary>The owner key (<see cref="Owner.Of"/>).</summary>
        [BsonId]
        public string Id { get; set; } = "";

        public DateTime Until { get; set; }
    }
}

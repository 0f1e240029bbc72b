namespace WebmailLite.Practice;

/// <summary>
/// The practice mailbox's first-start content: two public practice accounts and the mail of a school year in
/// an académie (the sign-in page shows the identifiers and the password; they are not secrets). The letters are
/// data, in <c>Practice/Letters/</c> (<see cref="PracticeLetters"/>); their dates are relative to the day of
/// seeding so that the mailbox always looks recent.
/// </summary>
public static class PracticeSeed
{
    public const string Identifier = "camille.martin";
    public const string Password = "entrainement";
    public const string SecondIdentifier = "julien.bernard";

    public const string CouncilsFolder = "Conseils de classe";
    public const string TripsFolder = "Sorties scolaires";

    /// <summary>The practice accounts' domain; system mail in practice mode comes from « ne-pas-repondre@ » it.</summary>
    public const string Domain = "ac-entrainement.fr";

    /// <summary>Seeds only a store without any account, so restarts and a second call never duplicate anything.</summary>
    /// <returns><c>true</c> when it seeded.</returns>
    public static bool SeedIfEmpty(PracticeStore store, TimeProvider time)
    {
        if (store.HasAnyAccount())
        {
            return false;
        }
        // Read before the accounts exist: letters that fail to load must not leave accounts without mail behind.
        var letters = PracticeLetters.Embedded;
        store.EnsureAccount(Identifier, "Camille Martin", Identifier + "@" + Domain, Password);
        store.EnsureAccount(SecondIdentifier, "Julien Bernard", SecondIdentifier + "@" + Domain, Password);

        var clock = new PracticeSeedClock(time.GetUtcNow());
        // Oldest first: UIDs then follow the dates, as they follow arrival on a real server.
        foreach (var letter in letters.OrderBy(l => l.DateOn(clock)))
        {
            if (letter.IsSource)
            {
                store.AddRawMessage(letter.Account, letter.Folder, letter.ToSource(clock), letter.Seen, letter.Flagged);
            }
            else
            {
                store.AddMessage(letter.Account, letter.Folder, letter.ToMessage(clock), letter.Seen, letter.Flagged);
            }
        }
        return true;
    }
}

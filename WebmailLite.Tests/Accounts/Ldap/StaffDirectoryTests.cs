using WebmailLite.Accounts.Ldap;

namespace WebmailLite.Tests.Accounts.Ldap;

public sealed class StaffDirectoryTests
{
    private static StaffDirectory Directory(params (string Name, string Address, string? School)[] people)
    {
        var directory = new StaffDirectory();
        directory.Replace(people.Select(p => new StaffMember(p.Name, p.Address, p.School)), new Dictionary<string, string>());
        return directory;
    }

    private static readonly StaffDirectory Staff = Directory(
        ("Hélène Dupont", "helene.dupont@ac-test.fr", "Collège Jean Moulin, Marseille"),
        ("Hélène Martin", "helene.martin@ac-test.fr", "Lycée Thiers, Marseille"),
        ("Jean-Noël Lefèvre", "jn.lefevre@ac-test.fr", "Rectorat, DSI"),
        ("Zoé d'Arcy", "zoe.darcy@ac-test.fr", null),
        ("Cœur Léon", "leon.coeur@ac-test.fr", null),
        ("Paul Dupond", "pdupond@ac-test.fr", "École Victor Hugo"));

    [Theory]
    [InlineData("helene", new[] { "Hélène Dupont", "Hélène Martin" })]
    [InlineData("HÉLÈNE DUP", new[] { "Hélène Dupont" })]
    [InlineData("dup", new[] { "Hélène Dupont", "Paul Dupond" })]
    [InlineData("dup hel", new[] { "Hélène Dupont" })]
    [InlineData("noel", new[] { "Jean-Noël Lefèvre" })]
    [InlineData("lefevre jean", new[] { "Jean-Noël Lefèvre" })]
    [InlineData("arcy", new[] { "Zoé d'Arcy" })]
    [InlineData("coeur", new[] { "Cœur Léon" })]
    [InlineData("pdupond@", new[] { "Paul Dupond" })]
    [InlineData("jn.lef", new[] { "Jean-Noël Lefèvre" })]
    public void Search_WordPrefixes_AccentsAndCaseIgnored_InNameOrder(string typed, string[] expected)
    {
        Assert.Equal(expected, Staff.Search(typed, 8).Select(m => m.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("xyz")]
    [InlineData("elene")]
    [InlineData("marseille")]
    public void Search_NothingTyped_OrNoWordBeginningSo_FindsNobody(string typed)
    {
        // Inside a word is not a match (« elene »), nor the school: a name or an address is typed.
        Assert.Empty(Staff.Search(typed, 8));
    }

    [Fact]
    public void Search_AtMostMax_AndTheSchoolComesWithEachPerson()
    {
        var found = Staff.Search("h", 1);

        Assert.Equal("Hélène Dupont", Assert.Single(found).Name);
        Assert.Equal("Collège Jean Moulin, Marseille", found[0].School);
    }

    [Fact]
    public void Search_AmongFiftyThousand_FindsTheOnlyMatch()
    {
        var many = Enumerable.Range(0, 50_000).Select(i => ($"Agent {i:D5} Martin", $"agent{i:D5}@ac-test.fr", (string?)null))
            .Append(("Éloïse Ångström", "eloise.angstrom@ac-test.fr", null)).ToArray();
        var directory = Directory(many);

        Assert.Equal(50_001, directory.Count);
        Assert.Equal("Éloïse Ångström", Assert.Single(directory.Search("angst", 8)).Name);
        Assert.Equal(8, directory.Search("martin", 8).Count);
        Assert.Equal("Agent 04242 Martin", Assert.Single(directory.Search("04242", 8)).Name);
    }

    [Fact]
    public void Replace_SwapsTheWholeDirectory()
    {
        var directory = Directory(("Hélène Dupont", "helene.dupont@ac-test.fr", null));
        directory.Replace([new StaffMember("Paul Dupond", "pdupond@ac-test.fr", null)], new Dictionary<string, string> { ["pdupond"] = "paul@example.org" });

        Assert.Empty(directory.Search("helene", 8));
        Assert.Single(directory.Search("paul", 8));
        Assert.Equal("paul@example.org", directory.ContactAddresses["pdupond"]);
    }
}

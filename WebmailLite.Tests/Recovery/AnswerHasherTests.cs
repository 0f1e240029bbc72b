using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

public sealed class AnswerHasherTests
{
    private static readonly AnswerHasher Hasher = new(Options.Create(new RecoveryOptions { AnswerHashIterations = 100_000 }));

    [Theory]
    [InlineData("Éléonore  Dupont", "eleonoredupont")]
    [InlineData("Jules Ferry", "julesferry")]
    [InlineData("  JEAN-PIERRE ", "jeanpierre")]
    [InlineData("Jean - Pierre", "jeanpierre")]
    [InlineData("J. Pierre", "jpierre")]
    [InlineData("l'Haÿ-les-Roses", "lhaylesroses")]
    [InlineData("L’Haÿ les Roses", "lhaylesroses")]
    [InlineData("Saint\u2011Étienne", "saintetienne")]
    [InlineData("Noël", "noel")]
    [InlineData("Ça\tva", "cava")]
    [InlineData("Mäusi", "mausi")]
    [InlineData("e\u0301cole", "ecole")]
    [InlineData("ﬁdèle", "fidele")]
    [InlineData("Rex.", "rex")]
    [InlineData("Peugeot 205", "peugeot205")]
    [InlineData("", "")]
    [InlineData(" - ", "")]
    public void Normalize_Table(string answer, string expected) =>
        Assert.Equal(expected, AnswerHasher.Normalize(answer));

    [Theory]
    [InlineData("eleonore dupont")]
    [InlineData("ÉLÉONORE DUPONT")]
    [InlineData("Eléonore-Dupont")]
    [InlineData("  eleonore   dupont ")]
    [InlineData("eleonoredupont")]
    public void Matches_AnswerWrittenDifferently(string typed)
    {
        var stored = Hasher.Hash("Éléonore Dupont");

        Assert.True(Hasher.Matches(typed, stored));
    }

    [Theory]
    [InlineData("eleonore dupond")]
    [InlineData("eleonore")]
    [InlineData("")]
    [InlineData(null)]
    public void Matches_WrongAnswer_IsFalse(string? typed)
    {
        var stored = Hasher.Hash("Éléonore Dupont");

        Assert.False(Hasher.Matches(typed, stored));
    }

    [Fact]
    public void Matches_NothingStored_IsFalse() => Assert.False(Hasher.Matches("", null));

    [Fact]
    public void Hash_IsSaltedPbkdf2Sha256_WithTheConfiguredIterations()
    {
        var hasher = new AnswerHasher(Options.Create(new RecoveryOptions { AnswerHashIterations = 123_456 }));

        var stored = hasher.Hash("Médor");

        Assert.Equal(123_456, stored.Iterations);
        Assert.Equal(16, stored.Salt.Length);
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("medor"), stored.Salt, 123_456, HashAlgorithmName.SHA256, 32);
        Assert.Equal(expected, stored.Hash);
        var fewer = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("medor"), stored.Salt, 123_455, HashAlgorithmName.SHA256, 32);
        Assert.NotEqual(fewer, stored.Hash);
    }

    [Fact]
    public void DefaultIterations_AreOwasp2023()
    {
        Assert.Equal(600_000, new RecoveryOptions().AnswerHashIterations);
    }

    [Fact]
    public void Hash_SameAnswerTwice_DiffersBySalt()
    {
        var first = Hasher.Hash("Médor");
        var second = Hasher.Hash("Médor");

        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void Matches_UsesTheIterationsStoredWithTheHash_AfterTheSettingChanged()
    {
        var old = Hasher.Hash("Médor");
        var stronger = new AnswerHasher(Options.Create(new RecoveryOptions { AnswerHashIterations = 150_000 }));

        Assert.True(stronger.Matches("medor", old));
    }

    [Fact]
    public void EnrolledAnswers_NeverReachTheDatabaseFile()
    {
        var folder = Directory.CreateTempSubdirectory("webmaillite-answers-");
        try
        {
            var path = Path.Combine(folder.FullName, "answers.db");
            using (var database = new AppDatabase($"Filename={path}"))
            {
                var store = new LiteDbEnrolmentStore(database, new TestClock());
                store.SetQuestions("cmartin",
                [
                    EnrolledQuestion.From("Quel était le nom de votre premier animal de compagnie ?", Hasher.Hash("Médor le Chien")),
                    EnrolledQuestion.From("Dans quelle rue habitiez-vous à dix ans ?", Hasher.Hash("Rue des Peupliers")),
                ]);
                Assert.True(Hasher.Matches("medor le chien", store.Find("cmartin")!.Questions[0].Answer));
            }

            var text = string.Concat(folder.GetFiles().Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f.FullName)) + Encoding.Unicode.GetString(File.ReadAllBytes(f.FullName))));
            Assert.Contains("premier animal", text, StringComparison.Ordinal);
            foreach (var secret in new[] { "Médor", "medor", "MEDOR", "Peupliers", "peupliers" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

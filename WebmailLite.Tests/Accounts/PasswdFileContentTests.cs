using System.Text;
using WebmailLite.Accounts;

namespace WebmailLite.Tests.Accounts;

public sealed class PasswdFileContentTests
{
    // A file as an administrator keeps it: comments, a blank line, extra fields, CRLF on one line, no final newline.
    private const string File =
        "# Comptes de la messagerie académique\n"
        + "cmartin-ab12cd:{SSHA512}b2xkaGFzaA==::::::\n"
        + "\n"
        + "jbernard:{SHA512-CRYPT}$6$salt$hash:1000:1000:Julien Bernard:/home/jbernard::userdb_quota_rule=*:storage=1G\r\n"
        + "  # commentaire indenté: jbernard:{PLAIN}ignored\n"
        + "slefebvre:{PLAIN}secret";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => Encoding.UTF8.GetString(bytes ?? throw new Xunit.Sdk.XunitException("No rewrite."));

    [Fact]
    public void UserNames_SkipsCommentsAndBlankLines()
    {
        Assert.Equal(["cmartin-ab12cd", "jbernard", "slefebvre"], PasswdFileContent.UserNames(Bytes(File)));
    }

    [Theory]
    [InlineData("cmartin-ab12cd", "cmartin-ab12cd")]
    [InlineData("CMartin-AB12CD", "cmartin-ab12cd")]
    [InlineData("  jbernard ", "jbernard")]
    [InlineData("inconnu", null)]
    [InlineData("", null)]
    [InlineData("commentaire indenté", null)]
    public void FindUser_IgnoresCaseAndReturnsTheFilesSpelling(string identifier, string? expected)
    {
        Assert.Equal(expected, PasswdFileContent.FindUser(Bytes(File), identifier));
    }

    [Fact]
    public void FindUser_PrefersTheExactSpelling_WhenTwoDifferOnlyByCase()
    {
        var content = Bytes("Anne:{PLAIN}a::::::\nanne:{PLAIN}b::::::\n");

        Assert.Equal("anne", PasswdFileContent.FindUser(content, "anne"));
        Assert.Equal("Anne", PasswdFileContent.FindUser(content, "ANNE"));
    }

    [Fact]
    public void ReplacePassword_ChangesOnlyThatPasswordField_EveryOtherByteKept()
    {
        var rewritten = Text(PasswdFileContent.ReplacePassword(Bytes(File), "jbernard", "{BLF-CRYPT}$2y$12$new"));

        Assert.Equal(File.Replace("{SHA512-CRYPT}$6$salt$hash", "{BLF-CRYPT}$2y$12$new", StringComparison.Ordinal), rewritten);
    }

    [Fact]
    public void ReplacePassword_OnALastLineWithoutColonsAfterThePassword_KeepsTheMissingNewline()
    {
        var rewritten = Text(PasswdFileContent.ReplacePassword(Bytes(File), "slefebvre", "{BLF-CRYPT}x"));

        Assert.EndsWith("\nslefebvre:{BLF-CRYPT}x", rewritten, StringComparison.Ordinal);
        Assert.StartsWith(File[..File.LastIndexOf('\n')], rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacePassword_KeepsNonAsciiBytesElsewhereUntouched()
    {
        var content = Bytes("# Élodie Fournier — compte\nefournier:{PLAIN}old:::Élodie Fournier:::\n");

        var rewritten = PasswdFileContent.ReplacePassword(content, "efournier", "{PLAIN}new");

        Assert.Equal(Bytes("# Élodie Fournier — compte\nefournier:{PLAIN}new:::Élodie Fournier:::\n"), rewritten);
    }

    [Fact]
    public void ReplacePassword_UnknownUser_ReturnsNull()
    {
        Assert.Null(PasswdFileContent.ReplacePassword(Bytes(File), "inconnu", "{PLAIN}x"));
    }

    [Fact]
    public void ReplacePassword_ADuplicatedUser_ChangesEveryLineOfIt()
    {
        var content = Bytes("anne:{PLAIN}a::::::\nanne:{PLAIN}b::::::\n");

        Assert.Equal("anne:{PLAIN}c::::::\nanne:{PLAIN}c::::::\n", Text(PasswdFileContent.ReplacePassword(content, "anne", "{PLAIN}c")));
    }

    [Theory]
    [InlineData("{PLAIN}a:b")]
    [InlineData("{PLAIN}a\nevil:{PLAIN}x")]
    public void ReplacePassword_AFieldThatWouldBreakTheLine_Throws(string field)
    {
        Assert.Throws<ArgumentException>(() => PasswdFileContent.ReplacePassword(Bytes(File), "jbernard", field));
    }

    [Fact]
    public void Upsert_ReplacesKnownLines_AppendsNewOnes_KeepsTheRest()
    {
        var entries = new Dictionary<string, string>
        {
            ["slefebvre"] = "slefebvre:{PLAIN}nouveau::::::",
            ["nouveau-123"] = "nouveau-123:{PLAIN}n::::::",
        };

        var rewritten = Text(PasswdFileContent.Upsert(Bytes(File), entries));

        Assert.Equal(File.Replace("slefebvre:{PLAIN}secret", "slefebvre:{PLAIN}nouveau::::::\n", StringComparison.Ordinal)
            + "nouveau-123:{PLAIN}n::::::\n", rewritten);
    }

    [Fact]
    public void Upsert_OnAnEmptyFile_WritesTheEntries()
    {
        var rewritten = Text(PasswdFileContent.Upsert([], new Dictionary<string, string> { ["a"] = "a:{PLAIN}x::::::" }));

        Assert.Equal("a:{PLAIN}x::::::\n", rewritten);
    }
}

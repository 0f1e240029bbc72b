using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new(Options.Create(new RecoveryOptions()));

    [Theory]
    // Length: 12 by default, counted as a person counts characters.
    [InlineData("cmartin", null, PasswordProblem.Missing)]
    [InlineData("cmartin", "", PasswordProblem.Missing)]
    [InlineData("cmartin", "vélo-rouge7", PasswordProblem.TooShort)]
    [InlineData("cmartin", "vélo-rouge-7", null)]
    [InlineData("cmartin", "ve\u0301lo-rouge7", PasswordProblem.TooShort)]
    // Common passwords, ignoring case and spaces.
    [InlineData("cmartin", "password1234", PasswordProblem.Common)]
    [InlineData("cmartin", "Password1234", PasswordProblem.Common)]
    [InlineData("cmartin", "PASSWORD 1234", PasswordProblem.Common)]
    [InlineData("cmartin", " pass word 1234 ", PasswordProblem.Common)]
    [InlineData("cmartin", "AZERTY 123456", PasswordProblem.Common)]
    [InlineData("cmartin", "azertyuiopqsdfghjklm", PasswordProblem.Common)]
    [InlineData("cmartin", "MotDePasse2025", PasswordProblem.Common)]
    [InlineData("cmartin", "Soleil 123456", PasswordProblem.Common)]
    // The identifier, however it is written.
    [InlineData("cmartin", "jaime cmartin 99", PasswordProblem.ContainsIdentifier)]
    [InlineData("cmartin", "CMARTIN au soleil", PasswordProblem.ContainsIdentifier)]
    [InlineData("cmartin", "C.Martin-2024!", PasswordProblem.ContainsIdentifier)]
    [InlineData("c.martin", "bonjour cmartin 1", PasswordProblem.ContainsIdentifier)]
    [InlineData("c.martin", "bonjour c.martin 1", PasswordProblem.ContainsIdentifier)]
    [InlineData("C.Martin", "salut c-martin-2026", PasswordProblem.ContainsIdentifier)]
    [InlineData("camille.martin@ac-test.fr", "camillemartin!!", PasswordProblem.ContainsIdentifier)]
    [InlineData("camille.martin@ac-test.fr", "Camille.Martin 2024", PasswordProblem.ContainsIdentifier)]
    [InlineData("camille.martin@ac-test.fr", "ac-test.fr au soleil", null)]
    [InlineData("cmartin", "martin au soleil", null)]
    // No composition rules: a long lower-case phrase is fine.
    [InlineData("cmartin", "correct horse battery", null)]
    [InlineData("cmartin", "la mer est calme ce soir", null)]
    [InlineData("cmartin", "toutenminusculessansrien", null)]
    public void Check_Table(string identifier, string? password, PasswordProblem? expected) =>
        Assert.Equal(expected, Policy.Check(password, identifier));

    [Fact]
    public void Check_SixtyFourCharacters_IsTheLongestAccepted()
    {
        var sixtyFour = string.Concat(Enumerable.Repeat("mer calme ", 7))[..64];

        Assert.Null(Policy.Check(sixtyFour, "cmartin"));
        Assert.Equal(PasswordProblem.TooLong, Policy.Check(sixtyFour + "x", "cmartin"));
    }

    [Fact]
    public void Check_MoreThanSeventyTwoUtf8Bytes_IsRefused()
    {
        // 36 « é » are 72 bytes: bcrypt reads them all. One more and it would silently ignore the end.
        Assert.Null(Policy.Check(string.Concat(Enumerable.Repeat("éàèù", 9)), "cmartin"));
        Assert.Equal(PasswordProblem.TooLong, Policy.Check(string.Concat(Enumerable.Repeat("éàèù", 9)) + "é", "cmartin"));
        Assert.Equal(PasswordProblem.TooLong, Policy.Check(string.Concat(Enumerable.Repeat("🔑🔒🔓", 6)) + "🔑", "cmartin"));
        Assert.Equal(72, Encoding.UTF8.GetByteCount(string.Concat(Enumerable.Repeat("🔑🔒🔓", 6))));
        Assert.Null(Policy.Check(string.Concat(Enumerable.Repeat("🔑🔒🔓", 6)), "cmartin"));
    }

    [Theory]
    [InlineData("            ", PasswordProblem.Missing)]
    [InlineData("aaaaaaaaaaaa", PasswordProblem.Common)]
    [InlineData("121212121212", PasswordProblem.Common)]
    [InlineData("azertyuiop2026!", PasswordProblem.Common)]
    public void Check_BlankRepetitiveOrACommonOneWithASuffix_IsRefused(string password, PasswordProblem expected) =>
        Assert.Equal(expected, Policy.Check(password, "cmartin"));

    [Fact]
    public void MinLength_IsConfigurable()
    {
        var policy = new PasswordPolicy(Options.Create(new RecoveryOptions { MinPasswordLength = 16 }));

        Assert.Equal(16, policy.MinLength);
        Assert.Equal(PasswordProblem.TooShort, policy.Check("la mer est calm", "cmartin"));
        Assert.Null(policy.Check("la mer est calme", "cmartin"));
    }

    [Theory]
    [InlineData("azertyuiop")]
    [InlineData("AzertyUiop")]
    [InlineData("AZERTY UIOP")]
    [InlineData("azertyuiop1")]
    [InlineData("motdepasse")]
    [InlineData("Mot de passe")]
    public void ShorterCommonPasswords_AreRefusedWhenTheMinimumAllowsThem(string password)
    {
        var policy = new PasswordPolicy(Options.Create(new RecoveryOptions { MinPasswordLength = 8 }));

        Assert.Equal(PasswordProblem.Common, policy.Check(password, "cmartin"));
    }

    [Fact]
    public void CommonList_IsEmbedded_AndEveryLongEnoughEntryIsRefused()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("WebmailLite.Recovery.common-passwords.txt");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line);
            }
        }

        Assert.True(entries.Count > 10_000, $"{entries.Count} common passwords");
        Assert.True(PasswordPolicy.CommonPasswordCount > 10_000);
        var checkable = entries.Where(e => e.Length is >= 12 and <= 64 && Encoding.UTF8.GetByteCount(e) <= 72).ToList();
        Assert.NotEmpty(checkable);
        // An unrelated identifier of letters found in no entry, so only the list can refuse.
        Assert.All(checkable, entry => Assert.Equal(PasswordProblem.Common, Policy.Check(entry.ToUpperInvariant(), "zz")));
    }
}

using WebmailLite.Mail.Compose;

namespace WebmailLite.Tests.Mail.Compose;

public sealed class RecipientsTests
{
    [Theory]
    [InlineData("a.b@ac-test.fr", new[] { "a.b@ac-test.fr" })]
    [InlineData("a@ac-test.fr, b@ac-test.fr; c@ac-test.fr", new[] { "a@ac-test.fr", "b@ac-test.fr", "c@ac-test.fr" })]
    [InlineData(" a@ac-test.fr ;; ,b@ac-test.fr , ", new[] { "a@ac-test.fr", "b@ac-test.fr" })]
    [InlineData("\"Dubois, Hélène\" <helene.dubois@ac-test.fr>; Loïc Garnier <loic@ac-test.fr>", new[] { "helene.dubois@ac-test.fr", "loic@ac-test.fr" })]
    [InlineData("a@ac-test.fr, A@AC-TEST.FR", new[] { "a@ac-test.fr" })]
    public void Parse_ValidLists(string text, string[] addresses)
    {
        var parsed = Recipients.Parse(text);

        Assert.Empty(parsed.Invalid);
        Assert.Equal(addresses, parsed.Valid.Select(m => m.Address));
    }

    [Theory]
    [InlineData("jean")]
    [InlineData("jean@")]
    [InlineData("@ac-test.fr")]
    [InlineData("jean@ac-test")]
    [InlineData("jean@@ac-test.fr")]
    [InlineData("Jean <jean@ac-test.fr")]
    [InlineData("jean dupont@ac-test.fr")]
    [InlineData("X-Injected: 1")]
    public void Parse_InvalidAddress_IsNamedAsTyped(string text)
    {
        var parsed = Recipients.Parse("ok@ac-test.fr, " + text);

        Assert.Equal(["ok@ac-test.fr"], parsed.Valid.Select(m => m.Address));
        Assert.Equal([text], parsed.Invalid);
    }

    [Fact]
    public void Parse_LineBreaksSeparate_AndNeverStayInAName()
    {
        var parsed = Recipients.Parse("a@ac-test.fr\r\nBcc: victime@ac-test.fr\r\n\"Nom\r\nX-Injected: 1\" <b@ac-test.fr>");

        Assert.Equal(["a@ac-test.fr", "b@ac-test.fr"], parsed.Valid.Select(m => m.Address));
        Assert.Equal("Nom X-Injected: 1", parsed.Valid[1].Name);
        Assert.Equal(["Bcc: victime@ac-test.fr"], parsed.Invalid);
    }

    [Fact]
    public void Format_ReadsBackTheSame()
    {
        var parsed = Recipients.Parse("\"Dubois, Hélène\" <h@ac-test.fr>; Élodie Fournier <e@ac-test.fr>; \"J. \\\"Jo\\\" Martin\" <j@ac-test.fr>; n@ac-test.fr");

        var text = Recipients.Format(parsed.Valid);
        var again = Recipients.Parse(text);

        Assert.Equal("\"Dubois, Hélène\" <h@ac-test.fr>, Élodie Fournier <e@ac-test.fr>, \"J. \\\"Jo\\\" Martin\" <j@ac-test.fr>, n@ac-test.fr", text);
        Assert.Empty(again.Invalid);
        Assert.Equal(parsed.Valid.Select(m => (m.Name, m.Address)), again.Valid.Select(m => (m.Name, m.Address)));
    }
}

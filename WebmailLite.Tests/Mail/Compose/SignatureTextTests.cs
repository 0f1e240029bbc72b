using WebmailLite.Mail.Compose;
using WebmailLite.Preferences;

namespace WebmailLite.Tests.Mail.Compose;

/// <summary>Where the signature lands in a compose form's body: examples in, text out.</summary>
public sealed class SignatureTextTests
{
    private const string Reply = "\n\nLe 3 mars, Hélène a écrit :\n> Le conseil est jeudi.\n";

    [Theory]
    [InlineData("", "")]
    [InlineData("Camille", "\n\n-- \nCamille\n")]
    [InlineData("Camille\nSecrétariat", "\n\n-- \nCamille\nSecrétariat\n")]
    public void ForNew_TwoLinesToWriteIn_ThenTheSeparatorAndTheSignature(string signature, string body) =>
        Assert.Equal(body, SignatureText.ForNew(signature));

    [Fact]
    public void AddTo_BelowQuote_AfterTheQuotedText() =>
        Assert.Equal("\n\nLe 3 mars, Hélène a écrit :\n> Le conseil est jeudi.\n\n-- \nCamille\n",
            SignatureText.AddTo(Reply, "Camille", SignaturePlacement.BelowQuote));

    [Fact]
    public void AddTo_AboveQuote_RightAfterTheLinesToWriteIn() =>
        Assert.Equal("\n\n-- \nCamille\n\nLe 3 mars, Hélène a écrit :\n> Le conseil est jeudi.\n",
            SignatureText.AddTo(Reply, "Camille", SignaturePlacement.AboveQuote));

    [Theory]
    [InlineData(SignaturePlacement.BelowQuote)]
    [InlineData(SignaturePlacement.AboveQuote)]
    public void AddTo_NoSignature_LeavesTheBodyAsItIs(SignaturePlacement placement) =>
        Assert.Equal(Reply, SignatureText.AddTo(Reply, "", placement));
}

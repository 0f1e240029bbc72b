using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Guide;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// The letter's addressee from the académie's settings (<c>Guide:Rectorat</c>), or lines to fill in by hand and where
/// to find the address; the sender's contact lines, printed only in the letter and kept nowhere.
/// </summary>
public sealed class GuideLetterAddressTests
{
    private static readonly Dictionary<string, string?> Rectorat = new()
    {
        ["Guide:Rectorat:Service"] = "Rectorat de l'académie d'Aix-Marseille\nDSI – assistance aux utilisateurs",
        ["Guide:Rectorat:PostalAddress"] = "Place Lucien Paye | 13621 Aix-en-Provence Cedex 1",
    };

    [Fact]
    public async Task Configured_TheLetterIsAddressedToTheRectoratsServiceAndAddress()
    {
        using var factory = new WebmailFactory(Rectorat);
        var client = factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var letter = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form"));

        Assert.Contains("Place Lucien Paye", form.Text("main"), StringComparison.Ordinal);
        Assert.Null(form.Query("#adresse-inconnue"));
        Assert.Equal(
            ["Rectorat de l'académie d'Aix-Marseille", "DSI – assistance aux utilisateurs", "Place Lucien Paye", "13621 Aix-en-Provence Cedex 1"],
            Lines(letter.Query("article.letter .to")!));
        Assert.Null(letter.Query("#adresse-inconnue"));
    }

    [Fact]
    public async Task NotConfigured_LinesToFillInByHand_AndThePageSaysWhereToFindTheAddress()
    {
        using var factory = new WebmailFactory();
        var client = factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var letter = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form"));

        Assert.Contains("site internet de votre académie", form.Text("#adresse-inconnue"), StringComparison.Ordinal);
        var to = Lines(letter.Query("article.letter .to")!);
        Assert.Equal("Rectorat de l'académie", to[0]);
        Assert.All(to.Skip(1), line => Assert.StartsWith("………", line, StringComparison.Ordinal));
        Assert.Equal(3, to.Count);
        // Outside the letter, not printed: the advice is for the person, not for the rectorat.
        Assert.NotNull(letter.Query(".no-print #adresse-inconnue"));
        Assert.Null(letter.Query("article.letter #adresse-inconnue"));
    }

    [Fact]
    public async Task ContactFields_AreLabelledOptionalWithTheirAutocompleteTokens_InAFieldset()
    {
        using var factory = new WebmailFactory();
        var page = await HtmlPage.GetAsync(factory.NewClient(), GuideLinks.Letter);

        Assert.Equal("Vos coordonnées (facultatif)", page.Text("main form fieldset legend"));
        Assert.Equal("street-address", page.Query("fieldset textarea#Input_PostalAddress")!.GetAttribute("autocomplete"));
        Assert.Equal("tel", page.Query("fieldset input#Input_Phone[type=tel]")!.GetAttribute("autocomplete"));
        Assert.Equal("email", page.Query("fieldset input#Input_Email[type=email]")!.GetAttribute("autocomplete"));
        Assert.Equal("Input_Email-hint", page.Query("#Input_Email")!.GetAttribute("aria-describedby"));
        foreach (var id in new[] { "Input_PostalAddress", "Input_Phone", "Input_Email" })
        {
            Assert.EndsWith("(facultatif)", page.Text($"label[for={id}]"), StringComparison.Ordinal);
        }
        // The NUMEN hint says where it is found and what this page does with it, and nothing it cannot be sure of.
        var numen = page.Text("#Input_Numen-hint");
        Assert.Contains("arrêté de nomination", numen, StringComparison.Ordinal);
        Assert.Contains("ne l'enregistre pas et ne l'envoie à personne", numen, StringComparison.Ordinal);
        Assert.DoesNotContain("paie", numen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactLines_PrintedInTheSenderBlock_EscapedAndOnlyWhenGiven()
    {
        using var factory = new WebmailFactory();
        var client = factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var letter = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Camille",
            ["Input.LastName"] = "Martin",
            ["Input.School"] = "Collège Jean Moulin, Gap",
            ["Input.PostalAddress"] = "12 rue des <b>Lilas</b>\r\n05000 Gap",
            ["Input.Phone"] = "06 12 34 56 78",
            ["Input.Email"] = "camille.martin@exemple.fr",
        }));
        var onlyName = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.LastName"] = "Martin" }));

        Assert.Equal(
            ["Expéditeur : Camille Martin", "Collège Jean Moulin, Gap", "12 rue des <b>Lilas</b>", "05000 Gap", "Tél. : 06 12 34 56 78", "Courriel : camille.martin@exemple.fr"],
            Lines(letter.Query("article.letter .from")!));
        Assert.Empty(letter.QueryAll("article.letter b"));
        // Nothing asked for what was not given: no « Tél. » or « Courriel » line with nothing after it.
        var from = Lines(onlyName.Query("article.letter .from")!);
        Assert.Equal(2, from.Count);
        Assert.DoesNotContain(from, l => l.StartsWith("Tél.", StringComparison.Ordinal) || l.StartsWith("Courriel", StringComparison.Ordinal));
        // The form below the letter keeps them, to correct a detail.
        Assert.Equal("06 12 34 56 78", letter.Query("#Input_Phone")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ContactLines_NeitherStoredNorSetInACookie()
    {
        const string phone = "06 98 76 54 32";
        const string email = "temoin-4f2a@exemple.fr";
        const string street = "7 impasse Témoin-91b";
        using var factory = new WebmailFactory();
        var client = factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var response = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.PostalAddress"] = street,
            ["Input.Phone"] = phone,
            ["Input.Email"] = email,
        });
        var letter = await HtmlPage.LoadAsync(response);
        factory.Services.GetRequiredService<WebmailLite.Storage.AppDatabase>().Database.Checkpoint();

        Assert.Contains(email, letter.Query("article.letter")!.TextContent, StringComparison.Ordinal);
        Assert.True(letter.Response.Headers.CacheControl?.NoStore);
        // The only cookie may be the antiforgery one, which carries none of it.
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join('\n', set) : "";
        foreach (var secret in new[] { phone, email, street, Uri.EscapeDataString(email), Uri.EscapeDataString(street) })
        {
            Assert.DoesNotContain(secret, cookies, StringComparison.Ordinal);
        }
        foreach (var file in Directory.GetFiles(factory.StorageFolder, "*", SearchOption.AllDirectories))
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var secret in new[] { phone, email, street })
            {
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0, $"{secret} found in {file}");
            }
        }
    }

    [Fact]
    public async Task Email_WithoutAnAt_GetsTheGovUkError_KeepingWhatWasTyped()
    {
        using var factory = new WebmailFactory();
        var client = factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "camille.martin",
            ["Input.Phone"] = "0612345678",
        }));

        Assert.StartsWith("Erreur : ", page.Title, StringComparison.Ordinal);
        Assert.Equal("#Input_Email", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Contains("nom@exemple.fr", page.Text("#Input_Email-error"), StringComparison.Ordinal);
        Assert.Equal("Input_Email-hint Input_Email-error", page.Query("#Input_Email")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.Query("#Input_Email")!.GetAttribute("aria-invalid"));
        Assert.Null(page.Query("article.letter"));
        Assert.Equal("camille.martin", page.Query("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("0612345678", page.Query("#Input_Phone")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Guide:Rectorat:PostalAddress", "1|2|3|4|5|6|7")]
    [InlineData("Guide:Rectorat:Service", "Rectorat\u0007")]
    public void Start_WithAnUnreasonableAddress_IsRefused(string key, string value)
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.NewClient());

        Assert.Contains("Guide:Rectorat", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The block's lines as printed: text split at each line break.</summary>
    private static List<string> Lines(AngleSharp.Dom.IElement block)
    {
        var lines = new List<string> { "" };
        foreach (var node in block.ChildNodes)
        {
            if (node is AngleSharp.Dom.IElement { LocalName: "br" })
            {
                lines.Add("");
            }
            else
            {
                lines[^1] += node.TextContent;
            }
        }
        return lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

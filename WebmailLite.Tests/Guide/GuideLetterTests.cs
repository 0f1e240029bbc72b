using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebmailLite.Guide;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Guide;

/// <summary>The printable letter to the rectorat: what is typed comes back escaped, in the letter, and is kept nowhere.</summary>
public sealed class GuideLetterTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly WebmailFactory _factory;

    public GuideLetterTests()
    {
        _factory = new WebmailFactory(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Form_HasLabelledFields_AndAnAntiforgeryToken()
    {
        var page = await HtmlPage.GetAsync(_factory.NewClient(), GuideLinks.Letter);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Lettre au rectorat", page.Text("h1"));
        foreach (var id in new[] { "Input_LastName", "Input_FirstName", "Input_Numen", "Input_Identifier", "Input_School", "Input_Message" })
        {
            Assert.NotNull(page.Query($"label[for={id}]"));
            Assert.NotNull(page.Query($"#{id}"));
        }
        Assert.NotNull(page.Query("main form[method=post] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Posted_ShowsTheLetterWithTheDetailsEscaped()
    {
        var client = _factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var response = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.LastName"] = "<script>alert('nom')</script>",
            ["Input.FirstName"] = "Camille \"<b>\"",
            ["Input.Numen"] = "12E3456789ABC",
            ["Input.Identifier"] = "cmartin",
            ["Input.School"] = "Collège Jules Ferry & co, Albi",
            ["Input.Message"] = "Ligne 1\n<img src=x onerror=alert(1)>",
        });
        var letter = await HtmlPage.LoadAsync(response);

        Assert.Equal(HttpStatusCode.OK, letter.Status);
        Assert.Equal("Votre lettre est prête", letter.Text("h1"));
        Assert.True(letter.Response.Headers.CacheControl?.NoStore);
        var article = letter.Query("article.letter")!;
        Assert.Contains("<script>alert('nom')</script>", article.TextContent, StringComparison.Ordinal);
        Assert.Contains("12E3456789ABC", article.TextContent, StringComparison.Ordinal);
        Assert.Contains("Collège Jules Ferry & co, Albi", article.TextContent, StringComparison.Ordinal);
        Assert.Contains("rétablissement ou recréation", article.TextContent, StringComparison.Ordinal);
        Assert.Empty(letter.QueryAll("script, main img, main b"));
        Assert.Contains("&lt;script&gt;", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", letter.Html, StringComparison.Ordinal);
        // The form stays below the letter, filled in, to correct a detail (hidden when printing).
        Assert.Equal("cmartin", letter.Query("#Input_Identifier")!.GetAttribute("value"));
    }

    [Fact]
    public async Task EmptyFields_PrintAsLinesToFillInByHand()
    {
        var client = _factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var letter = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form"));

        Assert.Equal("Votre lettre est prête", letter.Text("h1"));
        Assert.Contains("………", letter.Query("article.letter dd")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_AreNeitherStoredNorLogged()
    {
        const string numen = "99Z8877665544";
        const string name = "Quasimodo-Témoin-7c1f";
        var client = _factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var response = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.LastName"] = name,
            ["Input.Numen"] = numen,
            ["Input.Message"] = name + " " + numen,
        });
        var letter = await HtmlPage.LoadAsync(response);
        // Force the database to disk as it would be on a stop, so that a pending write could not hide.
        _factory.Services.GetRequiredService<WebmailLite.Storage.AppDatabase>().Database.Checkpoint();

        Assert.Contains(numen, letter.Query("article.letter")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(numen, StringComparison.Ordinal) || m.Contains(name, StringComparison.Ordinal));
        var files = Directory.GetFiles(_factory.StorageFolder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var secret in new[] { numen, name })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)) || Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{secret} found in {file}");
            }
        }
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var response = await _factory.NewClient().PostAsync(GuideLinks.Letter, new FormUrlEncodedContent([new("Input.LastName", "Martin")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TooLong_ShowsTheErrorSummaryAndTheFieldError_KeepingWhatWasTyped()
    {
        var client = _factory.NewClient();
        var form = await HtmlPage.GetAsync(client, GuideLinks.Letter);

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Numen"] = new string('1', 30),
            ["Input.Identifier"] = "cmartin",
        }));

        Assert.StartsWith("Erreur : ", page.Title, StringComparison.Ordinal);
        Assert.Equal("#Input_Numen", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.NotNull(page.Query("#Input_Numen-error"));
        Assert.Contains("Input_Numen-error", page.Query("#Input_Numen")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Null(page.Query("article.letter"));
        Assert.Equal("cmartin", page.Query("#Input_Identifier")!.GetAttribute("value"));
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

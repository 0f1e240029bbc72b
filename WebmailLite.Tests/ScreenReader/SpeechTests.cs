namespace WebmailLite.Tests.ScreenReader;

/// <summary>Reading Orca's log as Orca 43 writes it (speech.py, debug.py): no Orca needed.</summary>
public sealed class SpeechTests : IDisposable
{
    private readonly string _log = Path.Combine(Path.GetTempPath(), "wl-speech-" + Guid.NewGuid().ToString("N") + ".log");

    public SpeechTests() => File.WriteAllText(_log, "");

    public void Dispose() => File.Delete(_log);

    [Fact]
    public void Utterances_WithOrWithoutAVoice_OtherLinesIgnored()
    {
        Write("""
            12:00:00.000001 - SPEECH: Initializing
            12:00:00.000002 - SPEECH OUTPUT: 'Lecteur d’écran activé.'{'established': False}
            12:00:00.000003 - EVENT MANAGER: object:state-changed:focused for [entry | Rechercher]
            12:00:00.000004 - SPEECH OUTPUT: 'Aller au contenu'
            12:00:00.000005 - SPEECH OUTPUT: 'lien'
            12:00:00.000006 - SPEECH OUTPUT: 'L'identifiant est incorrect' voice=uppercase{'average-pitch': 5.6}

            """);

        var speech = new Speech(_log);

        Assert.Equal(["Lecteur d’écran activé.", "Aller au contenu", "lien", "L'identifiant est incorrect"], speech.Since(0));
    }

    [Fact]
    public void AMultiLineUtterance_IsOne_AndALineNotYetEnded_WaitsForTheRest()
    {
        Write("12:00:00.000001 - SPEECH OUTPUT: 'Bonjour,\n                  à jeudi.'\n12:00:00.000002 - SPEECH OUTPUT: 'Non lu");
        var speech = new Speech(_log);
        Assert.Equal(["Bonjour,\nà jeudi."], speech.Since(0));

        Write(" Réunion'\n");
        Assert.Equal(["Bonjour,\nà jeudi.", "Non lu Réunion"], speech.Since(0));
    }

    [Fact]
    public async Task WaitForInOrder_FromAMark_FailsNamingWhatWasSaid()
    {
        Write("12:00:00.000001 - SPEECH OUTPUT: 'avant'\n");
        var speech = new Speech(_log, TimeSpan.FromMilliseconds(200));
        var mark = speech.Mark();
        Write("12:00:00.000002 - SPEECH OUTPUT: 'Boîte de réception'\n12:00:00.000003 - SPEECH OUTPUT: 'Non lu Réunion'\n");

        Assert.Equal(3, await speech.WaitForInOrderAsync(mark, "Boîte", "Non lu"));
        var wrongOrder = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => speech.WaitForInOrderAsync(mark, "Non lu", "Boîte"));
        Assert.Contains("not after « Non lu »", wrongOrder.Message, StringComparison.Ordinal);
        var never = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => speech.WaitForAsync(mark, "avant"));
        Assert.Contains("Non lu Réunion", never.Message, StringComparison.Ordinal);
    }

    private void Write(string text) => File.AppendAllText(_log, text);
}

using System.Text;
using System.Text.RegularExpressions;

namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// What Orca said, read from its debug file (scripts/screen-reader.sh): every utterance is logged there as
/// <c>12:00:00.000000 - SPEECH OUTPUT: '…'</c>, optionally followed by the voice. Tests take a <see cref="Mark"/>
/// before a key press, then wait for utterances after it, in order. Substrings and order, never timing: the
/// machine is shared, and Orca takes its time.
/// </summary>
public sealed partial class Speech(string logPath, TimeSpan? timeout = null)
{
    /// <summary>A step's speech comes in 1–2 s alone; the bound is for a loaded machine, as the browser tests' 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;
    private readonly object _gate = new();
    private readonly List<string> _utterances = [];
    private readonly StringBuilder _partialLine = new();
    private StringBuilder? _record;
    private long _offset;

    /// <summary>The position after everything said so far: waits from here hear only what comes next.</summary>
    public int Mark()
    {
        lock (_gate)
        {
            Refresh();
            return _utterances.Count;
        }
    }

    /// <summary>Utterances from <paramref name="mark"/> on, as read so far.</summary>
    public IReadOnlyList<string> Since(int mark)
    {
        lock (_gate)
        {
            Refresh();
            return _utterances.Skip(mark).ToList();
        }
    }

    /// <summary>
    /// Waits until an utterance at or after <paramref name="from"/> contains <paramref name="text"/> (ordinal);
    /// returns the position just after it, so that the next wait hears what follows.
    /// </summary>
    public async Task<int> WaitForAsync(int from, string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? _timeout);
        while (true)
        {
            lock (_gate)
            {
                Refresh();
                for (var i = from; i < _utterances.Count; i++)
                {
                    if (_utterances[i].Contains(text, StringComparison.Ordinal))
                    {
                        return i + 1;
                    }
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Orca did not say « {text} » within {(timeout ?? _timeout).TotalSeconds} s. It said:\n{Transcript(from)}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for each text in turn, each after the one before: what is said, in this order (other lines may come between).</summary>
    public async Task<int> WaitForInOrderAsync(int from, params string[] texts)
    {
        var position = from;
        foreach (var text in texts)
        {
            try
            {
                position = await WaitForAsync(position, text);
            }
            catch (Xunit.Sdk.XunitException) when (Contains(from, text))
            {
                throw new Xunit.Sdk.XunitException(
                    $"Orca said « {text} », but not after « {texts[Array.IndexOf(texts, text) - 1]} » as expected ({string.Join(" → ", texts)}). It said:\n{Transcript(from)}");
            }
        }
        return position;
    }

    /// <summary>The utterances from <paramref name="mark"/> on, one a line, numbered as in the whole log.</summary>
    public string Transcript(int mark)
    {
        var lines = Since(mark);
        return lines.Count == 0 ? "(nothing)" : string.Join("\n", lines.Select((line, i) => $"{mark + i,5}  {line}"));
    }

    private bool Contains(int from, string text) => Since(from).Any(u => u.Contains(text, StringComparison.Ordinal));

    /// <summary>Reads what Orca wrote since the last call. Caller holds <see cref="_gate"/>.</summary>
    private void Refresh()
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
        {
            throw new InvalidOperationException($"{logPath} shrank: Orca was restarted during the test run.");
        }
        stream.Seek(_offset, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - _offset];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        // Only whole lines are parsed; a UTF-8 character cut at the end of the read waits for the next one.
        var end = Array.LastIndexOf(bytes, (byte)'\n', read - 1);
        if (read == 0 || end < 0)
        {
            return;
        }
        _offset += end + 1;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            Add(line);
        }
        // A complete record need not wait for the next line of the log to be counted.
        if (_record is not null && Complete().IsMatch(_record.ToString()))
        {
            Close();
        }
    }

    private void Add(string line)
    {
        // Orca indents the continuation lines of a multi-line text by 18 spaces (debug.println).
        if (_record is not null && line.StartsWith(new string(' ', 18), StringComparison.Ordinal))
        {
            _record.Append('\n').Append(line[18..]);
            return;
        }
        Close();
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && Timestamp().IsMatch(line))
        {
            _record = new StringBuilder(line[(at + Marker.Length)..]);
        }
    }

    private void Close()
    {
        if (_record is null)
        {
            return;
        }
        var text = _record.ToString();
        var match = Complete().Match(text);
        _utterances.Add((match.Success ? match.Groups["text"].Value : text.TrimStart('\'')).Trim());
        _record = null;
    }

    private const string Marker = "SPEECH OUTPUT: ";

    // The text between quotes, then nothing, or the voice: « {'established': False} », « voice=uppercase{…} ».
    [GeneratedRegex(@"^'(?<text>.*)'\s*(?:(?:voice=\w+)?\{.*\})?\s*$", RegexOptions.Singleline)]
    private static partial Regex Complete();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d+ - ")]
    private static partial Regex Timestamp();
}

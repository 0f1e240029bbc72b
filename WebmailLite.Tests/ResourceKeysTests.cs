using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Tests;

/// <summary>
/// The resource files against the code. A key built at run time (« Audit_ » + an enum value) escapes the compiler and
/// any search for its text: a missing one shows as its bare name on a page, or throws in a recovery mail. So every
/// key the code builds from an enum is checked here for every value, through the same helper the code calls.
/// </summary>
public sealed partial class ResourceKeysTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly ConcurrentDictionary<(string Resource, string Culture), Dictionary<string, string?>> LoadedKeys = new();

    /// <summary>Every key the app builds rather than writes, by resource, from the helpers the code itself calls.</summary>
    private static IEnumerable<(string Resource, string Key)> BuiltKeys()
    {
        foreach (var sort in Enum.GetValues<MessageSort>())
        {
            yield return (nameof(ManageText), ManageText.SortOption(sort));
            yield return (nameof(ManageText), ManageText.SortName(sort));
        }
        foreach (var filter in Enum.GetValues<MessageFilter>())
        {
            yield return (nameof(ManageText), ManageText.FilterName(filter));
            yield return (nameof(ManageText), ManageText.FilterEmpty(filter));
            yield return (nameof(ManageText), ManageText.FilterCaption(filter));
        }
        foreach (var state in Enum.GetValues<WebmailLite.Accessibility.ConformanceState>())
        {
            yield return (nameof(SiteText), SiteText.State(state));
        }
        foreach (var kind in Enum.GetValues<FileKind>())
        {
            yield return (nameof(UiText), UiText.FileKindName(kind));
            if (AttachmentKind.TakesDetail(kind))
            {
                yield return (nameof(UiText), UiText.FileKindWithDetail(kind));
            }
        }
        foreach (var issue in Enum.GetValues<WebmailLite.Contacts.ContactIssue>())
        {
            yield return (nameof(ContactsText), ContactsText.Issue(issue));
        }
        foreach (var problem in Enum.GetValues<WebmailLite.Contacts.ImportProblem>())
        {
            yield return (nameof(ContactsText), ContactsText.Import(problem));
        }
        foreach (var issue in Enum.GetValues<QuestionIssue>())
        {
            yield return (nameof(SettingsText), SettingsText.QuestionError(issue));
        }
        foreach (var what in Enum.GetValues<TicketEventKind>())
        {
            yield return (nameof(RecoveryText), RecoveryText.TicketHistory(what));
        }
        foreach (var what in Enum.GetValues<AuditEvent>())
        {
            yield return (nameof(RecoveryText), RecoveryText.Audit(what));
        }
        foreach (var outcome in Enum.GetValues<AuditOutcome>())
        {
            yield return (nameof(RecoveryText), RecoveryText.Outcome(outcome));
        }
        foreach (var method in Enum.GetValues<RecoveryMethod>())
        {
            yield return (nameof(RecoveryText), RecoveryText.MethodName(method));
            yield return (nameof(RecoveryMail), RecoveryMail.Method(method));
        }
        // Built from a number, not an enum, but stored in enrolments by key: a missing one would lose a question.
        foreach (var key in SuggestedQuestions.Keys)
        {
            yield return (nameof(RecoveryText), key);
        }
    }

    [Fact]
    public void EveryKeyBuiltFromAnEnum_ExistsInFrenchAndEnglish()
    {
        var built = BuiltKeys().ToList();
        var missing = new List<string>();
        foreach (var (resource, key) in built)
        {
            foreach (var culture in new[] { French, English })
            {
                if (string.IsNullOrWhiteSpace(Keys(resource, culture).GetValueOrDefault(key)))
                {
                    missing.Add($"{resource}.{culture.Name}: {key}");
                }
            }
        }

        Assert.True(built.Count > 50, $"only {built.Count} built keys: an enum lost its values?");
        Assert.Empty(missing);
    }

    public static TheoryData<string> Resources() => [.. ResourceNames()];

    [Theory]
    [MemberData(nameof(Resources))]
    public void FrenchAndEnglish_HaveTheSameKeys(string resource)
    {
        var french = Keys(resource, French);
        var english = Keys(resource, English);

        Assert.NotEmpty(french);
        Assert.Empty(french.Keys.Except(english.Keys).Select(k => "missing in English: " + k));
        Assert.Empty(english.Keys.Except(french.Keys).Select(k => "missing in French: " + k));
    }

    [Fact]
    public void EveryKey_IsUsedByTheApp()
    {
        var literals = AppStringLiterals();
        var built = BuiltKeys().Select(b => (b.Resource, b.Key)).ToHashSet();
        var mails = RecoveryMailNames().ToHashSet();
        var unused = new List<string>();
        foreach (var resource in ResourceNames())
        {
            foreach (var key in Keys(resource, French).Keys)
            {
                var used = literals.Contains(key)
                    || built.Contains((resource, key))
                    // « 3 messages déplacés »: the code names the stem, a count picks the form.
                    || PluralForm().Match(key) is { Success: true } plural && IsPluralStem(plural.Groups["stem"].Value, literals, resource)
                    // RecoveryMailer.Send(to, "PasswordChanged", …) reads PasswordChanged_Subject and _Body.
                    || resource == nameof(RecoveryMail) && MailPart().Match(key) is { Success: true } part && mails.Contains(part.Groups["mail"].Value);
                if (!used)
                {
                    unused.Add($"{resource}: {key}");
                }
            }
        }

        Assert.True(literals.Count > 500, $"only {literals.Count} string literals found in the app's source: wrong folder?");
        Assert.Empty(unused);
    }

    [Fact]
    public void EveryPluralStemInTheCode_HasItsOneAndManyForms()
    {
        var literals = AppStringLiterals();
        var missing = new List<string>();
        var stems = 0;
        foreach (var resource in ResourceNames())
        {
            foreach (var culture in new[] { French, English })
            {
                var keys = Keys(resource, culture);
                foreach (var stem in keys.Keys.Select(k => PluralForm().Match(k)).Where(m => m.Success).Select(m => m.Groups["stem"].Value).Distinct())
                {
                    if (!literals.Contains(stem) || keys.ContainsKey(stem))
                    {
                        // Written whole in the code (« Done_Erase_One »), or a key of its own beside a variant
                        // (« Tools_Legend », « Tools_Legend_One »): not a stem the code completes.
                        continue;
                    }
                    stems++;
                    missing.AddRange(new[] { "_One", "_Many" }.Where(form => !keys.ContainsKey(stem + form)).Select(form => $"{resource}.{culture.Name}: {stem}{form}"));
                }
            }
        }

        Assert.True(stems > 0, "no plural stem found in the code: the search is broken");
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryRecoveryMail_HasSubjectAndBodyInFrenchAndEnglish()
    {
        var names = RecoveryMailNames().ToList();
        var missing = new List<string>();
        foreach (var name in names)
        {
            foreach (var culture in new[] { French, English })
            {
                var keys = Keys(nameof(RecoveryMail), culture);
                missing.AddRange(new[] { "_Subject", "_Body" }.Where(part => string.IsNullOrWhiteSpace(keys.GetValueOrDefault(name + part))).Select(part => $"{culture.Name}: {name}{part}"));
            }
        }

        Assert.True(names.Count >= 5, $"only {names.Count} recovery mails found in the code: the search is broken");
        Assert.Empty(missing);
    }

    /// <summary>A literal the code completes with « _One » or « _Many » (MessageActions: « Done_Move »), not a key itself.</summary>
    private static bool IsPluralStem(string stem, HashSet<string> literals, string resource) =>
        literals.Contains(stem) && !Keys(resource, French).ContainsKey(stem);

    /// <summary>Resource names as the localizers use them (<c>UiText</c>, <c>RecoveryMail</c>…), from the assembly itself.</summary>
    private static IEnumerable<string> ResourceNames()
    {
        const string prefix = "WebmailLite.Resources.", suffix = ".resources";
        var names = typeof(UiText).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^suffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(nameof(UiText), names);
        return names;
    }

    /// <summary>
    /// The keys and values of one language's own file, with no fallback: an English key missing from
    /// <c>X.en.resx</c> would otherwise be answered in French and pass unseen.
    /// </summary>
    private static Dictionary<string, string?> Keys(string resource, CultureInfo culture) =>
        LoadedKeys.GetOrAdd((resource, culture.Name), _ => LoadKeys(resource, culture));

    private static Dictionary<string, string?> LoadKeys(string resource, CultureInfo culture)
    {
        var manager = new ResourceManager("WebmailLite.Resources." + resource, typeof(UiText).Assembly);
        // French is the neutral language ([assembly: NeutralResourcesLanguage("fr")]): it lives in the main assembly.
        var set = manager.GetResourceSet(culture == French ? CultureInfo.InvariantCulture : culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture.Name} resources for {resource}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string);
    }

    /// <summary>Every <c>"Identifier_Like"</c> string literal in the app's C# and Razor files.</summary>
    private static HashSet<string> AppStringLiterals()
    {
        var app = Path.Combine(RepositoryRoot(), "WebmailLite");
        var literals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            foreach (Match match in Literal().Matches(File.ReadAllText(file)))
            {
                literals.Add(match.Groups[1].Value);
            }
        }
        return literals;
    }

    /// <summary>The mail names passed to <c>RecoveryMailer.Send(to, "Name", …)</c> in the app's recovery code.</summary>
    private static IEnumerable<string> RecoveryMailNames()
    {
        var recovery = Path.Combine(RepositoryRoot(), "WebmailLite", "Recovery");
        return Directory.EnumerateFiles(recovery, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => MailerSend().Matches(File.ReadAllText(f)).Select(m => m.Groups["mail"].Value))
            .Distinct();
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        // The test output may sit outside the repository (--artifacts-path): also try where this file was compiled.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WebmailLite.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("WebmailLite.sln not found above the test output or the test's source.");
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9_]*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("^(?<stem>.+)_(One|Many)$")]
    private static partial Regex PluralForm();

    [GeneratedRegex("^(?<mail>.+)_(Subject|Body)$")]
    private static partial Regex MailPart();

    [GeneratedRegex("\\.Send\\(\\s*[^,()]+,\\s*\"(?<mail>[A-Za-z]+)\"")]
    private static partial Regex MailerSend();
}

using System.Resources;

[assembly: NeutralResourcesLanguage("fr")]

namespace WebmailLite;

/// <summary>
/// Marker for the UI text resources: <c>Resources/UiText.resx</c> (French, the neutral language) and
/// <c>Resources/UiText.en.resx</c>. Every string a person reads comes from there.
/// </summary>
public sealed class UiText;

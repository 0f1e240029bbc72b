namespace WebmailLite;

/// <summary>
/// Marker for the texts of « Sécurité du compte » (backup address, personal questions, changing the password):
/// <c>Resources/SettingsText.resx</c> (French, the neutral language) and <c>Resources/SettingsText.en.resx</c>.
/// </summary>
public sealed class SettingsText;

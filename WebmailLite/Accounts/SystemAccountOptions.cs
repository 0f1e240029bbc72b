namespace WebmailLite.Accounts;

/// <summary>
/// The service account system mail is submitted with (<c>Accounts:SystemAccount:Identifier</c> and
/// <c>:Password</c>). Keep the password out of appsettings.json: environment variable or secret store.
/// </summary>
public sealed class SystemAccountOptions
{
    public string? Identifier { get; set; }

    public string? Password { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(Identifier) && !string.IsNullOrEmpty(Password);
}

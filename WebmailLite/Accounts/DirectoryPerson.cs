namespace WebmailLite.Accounts;

/// <summary>What the académie's directory says of a person: enough for the assistance desk to check a caller.</summary>
/// <param name="Identifier">The identifier as the directory spells it.</param>
/// <param name="DisplayName">The name, e.g. « Hélène Dupont »; <c>null</c> when the directory has none.</param>
/// <param name="School">The school or service, e.g. « Collège Jean Moulin, Marseille »; <c>null</c> when none.</param>
public sealed record DirectoryPerson(string Identifier, string? DisplayName, string? School, AccountState State);

public enum AccountState
{
    Active,

    /// <summary>Closed for now by the administration (e.g. leave, end of contract): no sign-in, no recovery.</summary>
    Disabled,

    /// <summary>Kept in the directory as deleted: the account no longer exists for any service.</summary>
    Deleted,
}

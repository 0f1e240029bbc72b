namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The <c>error</c> of the password policy response control (draft-behera-ldap-password-policy, OID
/// 1.3.6.1.4.1.42.2.27.8.5.1) that OpenLDAP's ppolicy overlay attaches to a refused bind, modify or
/// Password Modify. The numbers are the draft's ENUMERATED values, as slapd sends them.
/// </summary>
public enum PasswordPolicyError
{
    PasswordExpired = 0,
    AccountLocked = 1,
    ChangeAfterReset = 2,
    PasswordModNotAllowed = 3,
    MustSupplyOldPassword = 4,
    InsufficientPasswordQuality = 5,
    PasswordTooShort = 6,
    PasswordTooYoung = 7,
    PasswordInHistory = 8,
}

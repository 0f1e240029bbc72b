using WebmailLite.Recovery;

namespace WebmailLite.Accounts;

/// <summary>
/// The directory's own password policy refused a new password (e.g. OpenLDAP's ppolicy: used recently, too short for
/// its rules). Nothing changed; the person chooses another one, told why by <see cref="Problem"/>.
/// </summary>
public sealed class DirectoryPasswordRefusedException(PasswordProblem problem, string? detail = null)
    : Exception($"The directory's password policy refused the new password ({problem}{(detail is null ? "" : ": " + detail)}).")
{
    public PasswordProblem Problem { get; } = problem;
}

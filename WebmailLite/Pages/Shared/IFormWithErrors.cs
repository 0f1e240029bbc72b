namespace WebmailLite.Pages.Shared;

/// <summary>
/// A page whose POST handlers answer mistakes with <see cref="Errors"/> and act only when it is empty after their
/// own checks: errors found before the handler runs (a NUL character in a field, by <c>NulCharacterFilter</c>) then
/// stop it as its own would, with everything typed shown again. A form page without this contract gets a plain 400
/// for such a post rather than a handler run on text it never checked.
/// </summary>
public interface IFormWithErrors
{
    FormErrors Errors { get; }
}

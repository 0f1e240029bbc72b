namespace WebmailLite.Pages.Shared;

/// <summary>
/// The errors of one form, in the order of its fields, for the GOV.UK pattern: a summary at the top linking to
/// each field, and the same message beside the field.
/// </summary>
public sealed class FormErrors
{
    private readonly List<FormError> _errors = [];

    public IReadOnlyList<FormError> All => _errors;

    public bool Any => _errors.Count > 0;

    /// <param name="fieldId">The input's id (<c>Input_Identifier</c>), or null for an error that no field can fix.</param>
    /// <param name="helpUrl">Where the guide explains what to do.</param>
    public void Add(string? fieldId, string message, string? helpUrl = null) => _errors.Add(new FormError(fieldId, message, helpUrl));

    public FormError? For(string fieldId) => _errors.FirstOrDefault(e => e.FieldId == fieldId);
}

public sealed record FormError(string? FieldId, string Message, string? HelpUrl);

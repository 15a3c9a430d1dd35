namespace Mobilitet.Workflows.Web.Shared;

/// <summary>
/// A form's validation errors: field name → Danish messages, as the commands and the JSON API report
/// them (ValidationErrors, problem details' "errors"). The form components pick their own by name.
/// </summary>
public sealed class FieldErrors
{
    private readonly IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> errors;

    public FieldErrors(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        this.errors = errors
            .Where(pair => pair.Value is { Length: > 0 })
            .Select(pair => KeyValuePair.Create(pair.Key, (IReadOnlyList<string>)pair.Value.ToArray()))
            .ToList();
    }

    public static FieldErrors None { get; } = new([]);

    public bool IsEmpty => errors.Count == 0;

    /// <summary>Every field with errors, in the order they were reported.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> All => errors;

    /// <summary>The messages for one field (none: empty).</summary>
    public IReadOnlyList<string> For(string field) =>
        errors.FirstOrDefault(pair => pair.Key == field).Value ?? [];

    public bool Has(string field) => For(field).Count > 0;
}

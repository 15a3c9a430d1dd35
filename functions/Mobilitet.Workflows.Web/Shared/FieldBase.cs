using Microsoft.AspNetCore.Components;

namespace Mobilitet.Workflows.Web.Shared;

/// <summary>
/// What every form field component takes (dkfds form pattern): the field's name (as the form posts it and
/// the errors name it), its label, value, optional hint, and the form's errors, of which it shows its own
/// next to the field (linked with aria-describedby, aria-invalid set).
/// </summary>
public abstract class FieldBase : ComponentBase
{
    [Parameter, EditorRequired]
    public string Name { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string Label { get; set; } = string.Empty;

    /// <summary>The value to show (what the user sent, when the form comes back with errors).</summary>
    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public string? Hint { get; set; }

    [Parameter]
    public FieldErrors Errors { get; set; } = FieldErrors.None;

    /// <summary>Marks the field required (the server decides; forms use novalidate, so errors come from the server).</summary>
    [Parameter]
    public bool Required { get; set; } = true;

    /// <summary>Adds dkfds's " (frivilligt)" to the label of an optional field.</summary>
    [Parameter]
    public bool OptionalLabel { get; set; }

    /// <summary>The element id; by default derived from the name (<see cref="FieldIds.For"/>).</summary>
    [Parameter]
    public string? Id { get; set; }

    protected string FieldId => Id ?? FieldIds.For(Name);

    protected IReadOnlyList<string> Messages => Errors.For(Name);

    protected bool HasError => Messages.Count > 0;

    protected string FormGroupClass => HasError ? "form-group form-error" : "form-group";

    protected string? DescribedBy(string? more = null) => FieldIds.DescribedBy(FieldId, Hint is not null, HasError, more);
}

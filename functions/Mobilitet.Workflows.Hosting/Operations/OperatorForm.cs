using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Operations;

namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>The Drift page's form on one agreement: the action, the reason code and (for a terminate) the note, named as the API's fields.</summary>
public static class OperatorForm
{
    public const string ActionField = "action";
    public const string ReasonField = "reason";
    public const string NoteField = "note";

    public static IReadOnlyList<string> Fields { get; } = [ActionField, ReasonField, NoteField];

    /// <summary>The actions by the value the form posts.</summary>
    public static IReadOnlyDictionary<string, OperatorAction> Actions { get; } =
        Enum.GetValues<OperatorAction>().ToDictionary(action => action.ToString(), StringComparer.Ordinal);

    public static (OperatorAction? Action, OperatorRequest Request) Read(FormPost form, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var action = errors.Choice(ActionField, form.Value(ActionField, errors), Actions);
        var note = form.Value(NoteField, errors);
        return (action, new OperatorRequest(form.Value(ReasonField, errors), string.IsNullOrWhiteSpace(note) ? null : note));
    }
}

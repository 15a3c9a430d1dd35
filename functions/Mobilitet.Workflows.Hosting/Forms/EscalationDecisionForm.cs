using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Web.Pages;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// An escalation decision form, wherever a supervisor sends it from (the emailed decision page, the Eskaleringer
/// list): the fields read into the request <see cref="Commands.EscalationCommands.DecideAsync"/> takes. The token
/// is the emailed link's (the decision page carries it back); a signed-in supervisor's form has none.
/// </summary>
public static class EscalationDecisionForm
{
    public const string DecisionField = "decision";
    public const string NoteField = "note";
    public const string TokenField = "token";

    /// <summary>The fields a person types or picks, in the order a form shows them.</summary>
    public static IReadOnlyList<string> Fields { get; } = [DecisionField, NoteField];

    /// <summary>The decisions a form offers, each with the value it posts, in the order shown.</summary>
    public static IReadOnlyList<DecisionChoice> Choices { get; } =
        RequestValidation.EscalationDecisions.Select(choice => new DecisionChoice(choice.Key, choice.Value)).ToList();

    public static EscalationDecisionRequest Read(FormPost form, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new EscalationDecisionRequest(form.Value(DecisionField, errors), form.Value(NoteField, errors), form.Value(TokenField, errors));
    }
}

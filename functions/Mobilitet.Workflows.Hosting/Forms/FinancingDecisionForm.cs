using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// A financing decision form, wherever a finance approver sends it from (the agreement page, the Finansiering
/// list): the fields, named as the JSON API's, read into the request <see cref="Commands.AgreementCommands.RecordFinancingDecisionAsync"/>
/// takes. The approved amount is typed the Danish way ("40.000"); what is not a number is an error on its field.
/// </summary>
public static class FinancingDecisionForm
{
    public const string DecisionField = "decision";
    public const string ApprovedDkkField = "approvedDkk";
    public const string ReasonField = "reason";

    /// <summary>The fields in the order a form shows them (to send what was typed back with the errors).</summary>
    public static IReadOnlyList<string> Fields { get; } = [DecisionField, ApprovedDkkField, ReasonField];

    public static FinancingDecisionRequest Read(FormPost form, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new FinancingDecisionRequest(form.Value(DecisionField, errors), form.Number(ApprovedDkkField, errors), form.Value(ReasonField, errors));
    }
}

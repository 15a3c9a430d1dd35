using Microsoft.AspNetCore.Components;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Web.Emails;

/// <summary>One kind of email: its model and the phrases several kinds share.</summary>
public abstract class EmailTemplate : ComponentBase
{
    [Parameter, EditorRequired]
    public EmailModel Model { get; set; } = null!;

    protected string AgreementId => Model.Agreement.AgreementId;

    /// <summary>"Brabrand Boligforening, Aarhus Kommune".</summary>
    protected string Place => $"{Model.Agreement.HousingAssociation}, {Model.MunicipalityName} Kommune";

    /// <summary>Why the escalation the email is about was raised ("12-måneders-målingen ligger under tærsklen").</summary>
    protected string Reason => Model.Request.EscalationReason is { } reason
        ? Shared.EscalationReasonText.Text(reason, Model.Request.Milestone)
        : "En opgave er gået i stå";

    protected static string Date(DateOnly date) => DanishFormat.Date(date);

    protected static string Dkk(decimal amount) => DanishFormat.Dkk(amount);
}

using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Audit;

/// <summary>What an audit entry records. Names cross storage by name, so new ones are only ever added.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>Personal data of the agreement (CPR, names, contact details, notes) was shown.</summary>
    ViewedPersonalData,

    /// <summary>A caseworker created the agreement (from the form, the API or a caseload import).</summary>
    AgreementCreated,

    /// <summary>The resident's answer on consent was recorded.</summary>
    ConsentRecorded,

    /// <summary>A finance approver approved or rejected the financing.</summary>
    FinancingDecided,

    /// <summary>The move was recorded.</summary>
    MoveRecorded,

    /// <summary>A milestone's values were entered by hand.</summary>
    MeasurementRecorded,

    /// <summary>A supervisor decided an escalation (signed in, or from the link in an email).</summary>
    EscalationDecided,

    /// <summary>A caseworker marked a follow-up task done.</summary>
    FollowUpDone,

    /// <summary>A caseworker cancelled the agreement.</summary>
    AgreementCancelled,

    /// <summary>A caseworker recorded that the resident withdrew consent (the personal data is then erased).</summary>
    ConsentWithdrawn,

    /// <summary>The agreement was found by a search on the resident's CPR number (the number itself is not logged).</summary>
    FoundByCprSearch,

    /// <summary>An operator re-ran the agreement's failed workflow generation (detail: reason code).</summary>
    OperatorRetried,

    /// <summary>An operator started the agreement's workflow again from its last good step (detail: reason code and phase).</summary>
    OperatorRestarted,

    /// <summary>An operator ended the agreement and its workflow (detail: reason code; the note is in the vault).</summary>
    OperatorTerminated,

    /// <summary>The system erased the agreement's personal data because its retention period after the end ran out.</summary>
    PersonalDataErased,
}

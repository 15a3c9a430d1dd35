using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// *Aftale*: one agreement as the signed-in person may see it — status, next step, timeline, measurements
/// against the pinned policy, business case, escalations, the personal data (only for the agreement's
/// municipality's caseworkers) and the forms for the steps that fit its state and the person's role.
/// </summary>
public sealed record AgreementDetailsPageModel
{
    public required AgreementRecord Agreement { get; init; }

    /// <summary>The policy the agreement is pinned to; null if this build does not know it (then no thresholds are shown).</summary>
    public LifecyclePolicy? Policy { get; init; }

    /// <summary>The agreement's open tasks, due first.</summary>
    public IReadOnlyList<CaseTask> OpenTasks { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<MeasurementRecord> Measurements { get; init; } = [];

    /// <summary>Values a caseworker recorded for milestones not measured yet (judged when the milestone falls due).</summary>
    public IReadOnlyDictionary<Milestone, IndicatorValues> Entered { get; init; } = new Dictionary<Milestone, IndicatorValues>();

    public IReadOnlyList<EscalationRecord> Escalations { get; init; } = [];

    /// <summary>The business case stored with the agreement's documents (null before it is made, or once erased).</summary>
    public BusinessCase? BusinessCase { get; init; }

    /// <summary>The personal data, for the agreement's municipality's caseworkers (this view is audited); null for everyone else.</summary>
    public PersonalDataSection? PersonalData { get; init; }

    /// <summary>The steps this person may take now (state and role).</summary>
    public AgreementActions Actions { get; init; }

    /// <summary>Steps whose decision is recorded while the agreement's status has not caught up yet.</summary>
    public AgreementActions Pending { get; init; }

    /// <summary>The form that was just sent and came back (its values and errors), if one did.</summary>
    public ActionForm? SentForm { get; init; }

    /// <summary>Why the step just sent was not taken, if it was not.</summary>
    public ActionRefusal? Refusal { get; init; }

    /// <summary>Now, to mark overdue tasks.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Today in the agreement's policy time (with a compressed day it runs ahead of the calendar).</summary>
    public required DateOnly PolicyToday { get; init; }

    /// <summary>The values and errors of <paramref name="action"/>'s form (empty unless that form was sent).</summary>
    public ActionForm FormFor(AgreementActions action) =>
        SentForm is { } sent && sent.Action == action ? sent : new ActionForm(action, new Dictionary<string, string>(), FieldErrors.None);
}

/// <summary>The steps of an agreement a person can take on its page; each is a form.</summary>
[Flags]
public enum AgreementActions
{
    None = 0,
    Consent = 1,
    Financing = 2,
    Move = 4,
    Measurement = 8,
    Cancel = 16,
    WithdrawConsent = 32,
}

/// <summary>A step's form as it was sent back: what was typed (by field name) and the errors.</summary>
public sealed record ActionForm(AgreementActions Action, IReadOnlyDictionary<string, string> Values, FieldErrors Errors)
{
    public string? Value(string field) => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>The element id prefix of the form's fields ("consent."), so two forms' fields never share an id.</summary>
    public string IdPrefix => Action.ToString().ToLowerInvariant() + ".";

    /// <summary>The element id of one of the form's fields.</summary>
    public string IdOf(string field) => FieldIds.For(IdPrefix + field);
}

/// <summary>
/// The personal data shown on the page (the CPR number masked). Null parties: erased after a withdrawal.
/// </summary>
public sealed record PersonalDataSection(
    string? MaskedCpr,
    string? ResidentName,
    string? ResidentEmail,
    string? ResidentPhone,
    string? CaseworkerName,
    string? CaseworkerEmail,
    IReadOnlyList<string> Supervisors,
    string? FinancingPurpose,
    string? StopReason,
    string? FinancingDecisionReason,
    IReadOnlyList<EscalationNoteView> EscalationNotes)
{
    /// <summary>The resident's comments from their well-being check-ins, by milestone ("M3").</summary>
    public IReadOnlyList<(string Milestone, string Comment)> CheckInComments { get; init; } = [];

    public bool Erased => MaskedCpr is null;
}

public sealed record EscalationNoteView(string EscalationId, string Note);

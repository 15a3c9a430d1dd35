using System.Globalization;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// The one place that knows how each kind of decision is written down (fields in the API's spelling),
/// which workflow event it becomes, and how it reads in Danish. Commands build decisions here; the
/// delivery and the repair job turn them into events here, so the two cannot disagree.
/// </summary>
public static class DecisionCodec
{
    private const string DecisionField = "decision";
    private const string ApprovedDkkField = "approvedDkk";
    private const string MovedOnField = "movedOn";
    private const string ToAreaField = "toArea";
    private const string NoteField = "note";
    private const string Yes = "yes";
    private const string No = "no";

    public static Decision Consent(string agreementId, bool given, string actor, DateTimeOffset at) =>
        Create(agreementId, DecisionSubjects.Consent, actor, at, (DecisionField, given ? "given" : "declined"));

    public static Decision Financing(string agreementId, bool approved, decimal? approvedDkk, string actor, DateTimeOffset at) =>
        Create(agreementId, DecisionSubjects.Financing, actor, at, (DecisionField, approved ? "approved" : "rejected"), (ApprovedDkkField, approvedDkk?.ToString(CultureInfo.InvariantCulture)));

    public static Decision Move(string agreementId, DateOnly movedOn, string? toArea, string actor, DateTimeOffset at) =>
        Create(agreementId, DecisionSubjects.Move, actor, at, (MovedOnField, movedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (ToAreaField, toArea));

    /// <summary>The note itself is kept in the vault; the decision records only whether there is one.</summary>
    public static Decision Escalation(string agreementId, string escalationId, EscalationDecision decision, bool withNote, string actor, DateTimeOffset at) =>
        Create(agreementId, escalationId, actor, at, (DecisionField, decision.ApiName()), (NoteField, withNote ? Yes : No));

    /// <summary>The caseworker's follow-up on escalation <paramref name="escalationId"/> is done (workflow 1.4 on); there is nothing to choose.</summary>
    public static Decision FollowUpDone(string agreementId, string escalationId, string actor, DateTimeOffset at) =>
        Create(agreementId, DecisionSubjects.FollowUp(escalationId), actor, at, (DecisionField, "done"));

    /// <summary>What an escalation decision decided.</summary>
    public static EscalationDecision EscalationDecisionOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RequestValidation.EscalationDecisions[decision.Fields[DecisionField]];
    }

    public static bool HasNote(this Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Fields.TryGetValue(NoteField, out var note) && note == Yes;
    }

    /// <summary>The orchestration that takes the decision: the agreement's, or the escalation's.</summary>
    public static string InstanceOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return IsEscalation(decision) ? decision.Subject
            : FollowUpOf(decision) is { } escalationId ? escalationId
            : decision.AgreementId;
    }

    /// <summary>The workflow event the decision becomes.</summary>
    public static (string Name, object Payload) ToEvent(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var fields = decision.Fields;
        return decision.Subject switch
        {
            DecisionSubjects.Consent => Event(new ConsentDecided(fields[DecisionField] == "given", decision.Actor)),
            DecisionSubjects.Financing => Event(new FinancingDecided(
                fields[DecisionField] == "approved",
                fields.TryGetValue(ApprovedDkkField, out var amount) ? decimal.Parse(amount, CultureInfo.InvariantCulture) : null,
                decision.Actor)),
            DecisionSubjects.Move => Event(new MoveRecorded(
                DateOnly.ParseExact(fields[MovedOnField], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                fields.GetValueOrDefault(ToAreaField),
                decision.Actor)),
            _ when IsEscalation(decision) => Event(new EscalationDecided(RequestValidation.EscalationDecisions[fields[DecisionField]], decision.Actor)),
            _ when FollowUpOf(decision) is not null => Event(new FollowUpDone(decision.Actor)),
            _ => throw new ArgumentException($"Unknown decision subject '{decision.Subject}'.", nameof(decision)),
        };
    }

    /// <summary>The decision in Danish, for the person whose later decision is refused.</summary>
    public static string Describe(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var fields = decision.Fields;
        var what = decision.Subject switch
        {
            DecisionSubjects.Consent => fields[DecisionField] == "given" ? "samtykket er givet" : "samtykket er afvist",
            DecisionSubjects.Financing when fields[DecisionField] == "rejected" => "finansieringen er afvist",
            DecisionSubjects.Financing => fields.TryGetValue(ApprovedDkkField, out var amount)
                ? $"finansieringen er godkendt med {DanishFormat.Dkk(decimal.Parse(amount, CultureInfo.InvariantCulture))}"
                : "finansieringen er godkendt med det ansøgte beløb",
            DecisionSubjects.Move => $"flytningen er registreret den {DanishFormat.Date(DateOnly.ParseExact(fields[MovedOnField], "yyyy-MM-dd", CultureInfo.InvariantCulture))}",
            _ when FollowUpOf(decision) is not null => "opfølgningen er markeret som udført",
            _ => $"eskaleringen er afgjort: {Web.Shared.EscalationDecisionName.Text(RequestValidation.EscalationDecisions[fields[DecisionField]]).ToLower(DanishFormat.Culture)}",
        };
        return $"Der er allerede truffet en afgørelse: {what} ({decision.Actor}, {decision.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC).";
    }

    private static bool IsEscalation(Decision decision) => EscalationIds.TryParseAgreementId(decision.Subject, out _);

    /// <summary>The escalation whose follow-up the decision is about; null for any other decision.</summary>
    private static string? FollowUpOf(Decision decision) =>
        decision.Subject.StartsWith(DecisionSubjects.FollowUpPrefix, StringComparison.Ordinal)
        && EscalationIds.TryParseAgreementId(decision.Subject[DecisionSubjects.FollowUpPrefix.Length..], out _)
            ? decision.Subject[DecisionSubjects.FollowUpPrefix.Length..]
            : null;

    private static (string, object) Event<TEvent>(TEvent payload)
        where TEvent : class => (WorkflowEvents.NameOf<TEvent>(), payload);

    private static Decision Create(string agreementId, string subject, string actor, DateTimeOffset at, params (string Name, string? Value)[] fields) => new()
    {
        AgreementId = agreementId,
        Subject = subject,
        Fields = fields.Where(field => field.Value is not null).ToDictionary(field => field.Name, field => field.Value!, StringComparer.Ordinal),
        Actor = actor,
        At = at,
    };
}

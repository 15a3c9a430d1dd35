using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Hosting.Http.Responses;

/// <summary>Read model → API shapes, with the API's spellings (direction "out", decision "follow-up").</summary>
public static class ResponseMapping
{
    public static AgreementDetails ToDetails(
        this AgreementRecord agreement,
        IReadOnlyList<MeasurementRecord> measurements,
        IReadOnlyList<EscalationRecord> escalations,
        IReadOnlyList<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new AgreementDetails(
            agreement.AgreementId,
            agreement.Status.ToString(),
            agreement.PolicyName,
            agreement.MunicipalityCode,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            agreement.HousingAssociation,
            DirectionName(agreement.Direction),
            agreement.FromArea,
            agreement.ToArea,
            agreement.PlannedMoveDate,
            agreement.MovedOn,
            agreement.CreatedAt,
            new FinancingDetails(agreement.RequestedDkk, agreement.ApprovedDkk, agreement.FinancingRoute?.ToString(), agreement.Instrument().Name)
            {
                Settlement = agreement.Settlement is { } settled
                    ? new SettlementDetails(
                        settled.MonthsSettled,
                        settled.RealisedGainDkk,
                        settled.OutcomePaymentDkk,
                        settled.WrittenOffDkk,
                        settled.SettledAt,
                        agreement.Status == AgreementStatus.ConsentWithdrawn || agreement.PersonalDataErasedAt is not null ? null : UiRoutes.AgreementPath(agreement.AgreementId, UiRoutes.AgreementSettlementReport))
                    : null,
            },
            measurements.OrderBy(measurement => measurement.Milestone).ThenBy(measurement => measurement.ExtensionMonths ?? 0).Select(ToDetails).ToList(),
            escalations.OrderBy(escalation => escalation.RaisedAt).Select(ToDetails).ToList(),
            timeline.OrderBy(entry => entry.At).Select(entry => new TimelineDetails(entry.At, entry.Kind.ToString(), entry.Actor, entry.Detail)).ToList())
        {
            EndedAt = agreement.EndedOrLastChangedAt,
            PersonalDataErasedAt = agreement.PersonalDataErasedAt,
        };
    }

    public static AgreementSummary ToSummary(this AgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new AgreementSummary(
            agreement.AgreementId,
            agreement.Status.ToString(),
            agreement.PolicyName,
            agreement.MunicipalityCode,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            agreement.HousingAssociation,
            DirectionName(agreement.Direction),
            agreement.PlannedMoveDate,
            agreement.MovedOn,
            agreement.CreatedAt);
    }

    public static EscalationDetails ToDetails(this EscalationRecord escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        return new EscalationDetails(
            escalation.EscalationId,
            escalation.Reason.ToString(),
            escalation.Subject,
            escalation.Level,
            escalation.Status.ToString(),
            escalation.Decision?.ApiName(),
            escalation.DecidedBy,
            escalation.DecidedAt,
            escalation.RaisedAt);
    }

    /// <summary>Null parties (erased after a withdrawal) leave only the notes, which erasure removes too.</summary>
    public static PersonalDataDetails ToPersonalDataDetails(this AgreementPersonalData? parties, string agreementId, IReadOnlyList<EscalationNote> notes) => new(
        agreementId,
        parties is null ? null : new ResidentDetails(CprNumber.Masked(parties.Resident.Cpr), parties.Resident.Name, parties.Resident.Email, parties.Resident.Phone),
        parties is null ? null : new CaseworkerDetails(parties.Caseworker.Name, parties.Caseworker.Email),
        parties?.SupervisorEmails ?? [],
        parties?.FinancingPurpose,
        parties?.StopReason,
        parties?.FinancingDecisionReason,
        notes);

    private static MeasurementDetails ToDetails(MeasurementRecord measurement) => new(
        measurement.Milestone.ToString(),
        measurement.Values?.SelfSufficiencyRate,
        measurement.Values?.ResourceDrawDkk,
        measurement.Values?.NetContributionDkk,
        measurement.Values?.WellBeingScore,
        measurement.Outcome.ToString(),
        measurement.Breaches.Select(breach => breach.ToString()).ToList(),
        measurement.MeasuredAt,
        measurement.Source)
    {
        ExtensionMonths = measurement.ExtensionMonths,
        Label = measurement.Label,
    };

    private static string DirectionName(MoveDirection direction) =>
        RequestValidation.Directions.First(pair => pair.Value == direction).Key;
}

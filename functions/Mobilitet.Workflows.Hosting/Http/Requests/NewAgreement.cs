using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Hosting.Http.Requests;

/// <summary>A validated form: what the API stores when it creates an agreement.</summary>
public sealed record NewAgreement(
    string MunicipalityCode,
    string HousingAssociation,
    MoveDirection Direction,
    string FromArea,
    string? ToArea,
    DateOnly PlannedMoveDate,
    string PolicyName,
    IndicatorValues Baseline,
    decimal RequestedDkk,
    AgreementPersonalData PersonalData)
{
    /// <summary>The financing instrument the agreement is pinned to.</summary>
    public string InstrumentName { get; init; } = Financing.InstrumentCatalog.DefaultName;
}

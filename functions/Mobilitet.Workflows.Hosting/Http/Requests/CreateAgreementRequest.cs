namespace Mobilitet.Workflows.Hosting.Http.Requests;

/// <summary>The caseworker's form, as posted. Everything is nullable: the validator says what is missing.</summary>
public sealed record CreateAgreementRequest(
    string? MunicipalityCode,
    string? HousingAssociation,
    string? Direction,
    string? FromArea,
    string? ToArea,
    ResidentRequest? Resident,
    CaseworkerRequest? Caseworker,
    IReadOnlyList<string?>? Supervisors,
    BaselineRequest? Baseline,
    FinancingRequest? Financing,
    string? PlannedMoveDate,
    string? Policy);

public sealed record ResidentRequest(string? Cpr, string? Name, string? Email, string? Phone);

public sealed record CaseworkerRequest(string? Name, string? Email);

/// <summary>The resident's indicators for the 12 months before the agreement, per year.</summary>
public sealed record BaselineRequest(decimal? SelfSufficiencyRate, decimal? ResourceDrawDkk, decimal? TaxPaidDkk);

/// <param name="Instrument">The financing instrument (<see cref="Financing.InstrumentCatalog"/>); null: the configured default.</param>
public sealed record FinancingRequest(decimal? RequestedDkk, string? Purpose, string? Instrument = null);

namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// Everything about an agreement that identifies a person. It is written once by the HTTP API,
/// read by activities that need it (emails), and erased when consent is withdrawn. It never enters
/// an orchestration's inputs, outputs, events, custom status or logs.
/// </summary>
public sealed record AgreementPersonalData(
    Resident Resident,
    Caseworker Caseworker,
    IReadOnlyList<string> SupervisorEmails,
    string FinancingPurpose);

public sealed record Resident(string Cpr, string Name, string? Email, string? Phone);

public sealed record Caseworker(string Name, string Email);

/// <summary>The protected store of personal data (its own table, its own access rules).</summary>
public interface IPersonalDataVault
{
    Task SaveAsync(string agreementId, AgreementPersonalData data, CancellationToken cancellationToken);

    Task<AgreementPersonalData?> FindAsync(string agreementId, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}

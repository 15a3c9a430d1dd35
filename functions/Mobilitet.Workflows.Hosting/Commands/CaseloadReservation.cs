using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// For a caseload row: the agreement id to create the validated agreement under, reserved for the row's reference
/// before anything is written (<see cref="Workflows.Caseload.ICaseloadReferenceMap"/>).
/// </summary>
public delegate Task<string> CaseloadReservation(NewAgreement agreement, CancellationToken cancellationToken);

using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// The creation request from fields named by the API's JSON paths ("resident.cpr", "baseline.taxPaidDkk"), whatever
/// carries them: the *Ny flytteaftale* form (<see cref="AgreementForm"/>) or a line of a caseload file
/// (<see cref="CaseloadRowForm"/>). Each reads its text and numbers its own way; the mapping is written once.
/// </summary>
internal static class AgreementFields
{
    /// <param name="rate">Reads the self-sufficiency rate as a fraction 0–1 (the form types it in percent).</param>
    /// <param name="instrument">The financing instrument chosen (null: the configured default; a caseload file has no column for it).</param>
    public static CreateAgreementRequest Request(
        Func<string, string?> text,
        Func<string, decimal?> number,
        Func<string, decimal?> rate,
        IEnumerable<string?> supervisors,
        string? policy,
        string? instrument) => new(
            text("municipalityCode"),
            text("housingAssociation"),
            text("direction"),
            text("fromArea"),
            text("toArea"),
            new ResidentRequest(text("resident.cpr"), text("resident.name"), text("resident.email"), text("resident.phone")),
            new CaseworkerRequest(text("caseworker.name"), text("caseworker.email")),
            WithoutUnusedLevels(supervisors),
            new BaselineRequest(rate("baseline.selfSufficiencyRate"), number("baseline.resourceDrawDkk"), number("baseline.taxPaidDkk")),
            new FinancingRequest(number("financing.requestedDkk"), text("financing.purpose"), instrument),
            text("plannedMoveDate"),
            policy);

    /// <summary>
    /// Empty supervisors at the end are unused levels; one left empty between two filled ones keeps its place, so its
    /// error shows next to it.
    /// </summary>
    private static List<string?> WithoutUnusedLevels(IEnumerable<string?> supervisors)
    {
        var levels = supervisors.ToList();
        while (levels.Count > 0 && string.IsNullOrWhiteSpace(levels[^1]))
        {
            levels.RemoveAt(levels.Count - 1);
        }

        return levels;
    }
}

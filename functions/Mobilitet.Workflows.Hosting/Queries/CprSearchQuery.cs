using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// The caseworker's search for a resident's agreements by CPR number, for the JSON API and the Aftaler page alike. The
/// number is turned into its person key (the keyed hash <see cref="PersonKeys"/>) and looked up in the person-key index
/// (<see cref="IPersonKeyIndex"/>) of each municipality where the person is a caseworker — the only ones who may see
/// personal data (<see cref="Access.MaySeePersonalData"/>); the CPR number is never stored, logged or put in an address.
/// Every agreement found is written to the audit log before it is shown (a search tells who has an agreement).
/// </summary>
public sealed class CprSearchQuery(IPersonKeyIndex index, PersonKeys keys, IAgreementRepository agreements, IAuditLog audit, TimeProvider time)
{
    /// <summary>The form field and JSON property.</summary>
    public const string Field = Web.Pages.AgreementFilter.CprField;

    public const string NotAllowed = "Søgning på CPR-nummer er forbeholdt sagsbehandlere i kommunen.";

    /// <summary>The municipalities whose agreements the person may find by CPR number: where they are a caseworker.</summary>
    public static IReadOnlySet<string> SearchableMunicipalities(CurrentUser user) =>
        user.HeldMunicipalities().Where(user.MaySeePersonalData).ToHashSet(StringComparer.Ordinal);

    /// <param name="cpr">As entered ("ddmmyy-xxxx" or ten digits); checked here, with the form's Danish messages.</param>
    /// <returns>The agreements, newest first; null with <paramref name="errors"/> for an invalid number, or if the person may not search.</returns>
    public async Task<IReadOnlyList<AgreementRecord>?> SearchAsync(CurrentUser user, string? cpr, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(errors);
        var municipalities = SearchableMunicipalities(user);
        if (municipalities.Count == 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(cpr))
        {
            errors.Add(Field, Messages.Required);
            return null;
        }

        if (CprNumber.Normalise(cpr, out var problem) is not { } digits)
        {
            errors.Add(Field, problem!);
            return null;
        }

        var person = keys.KeyOf(digits);
        var found = new List<AgreementRecord>();
        foreach (var municipality in municipalities.Order(StringComparer.Ordinal))
        {
            foreach (var entry in await index.ListAsync(municipality, cancellationToken))
            {
                if (entry.Person == person
                    && await agreements.FindAsync(entry.AgreementId, cancellationToken) is { } agreement
                    && user.MaySeePersonalData(agreement.MunicipalityCode))
                {
                    found.Add(agreement);
                }
            }
        }

        var at = time.GetUtcNow();
        foreach (var agreement in found)
        {
            await audit.AppendAsync(new AuditEntry(at, user.Id, [.. user.Roles.Order(StringComparer.Ordinal)], AuditAction.FoundByCprSearch, agreement.AgreementId), cancellationToken);
        }

        return found.OrderByDescending(agreement => agreement.CreatedAt).ToList();
    }
}

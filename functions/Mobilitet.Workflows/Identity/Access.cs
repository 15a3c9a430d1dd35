namespace Mobilitet.Workflows.Identity;

/// <summary>
/// Who may do what, in one place (pure rules, used by commands, queries and pages alike). Everyone
/// works within their municipalities; the monitoring unit and administrators read every municipality's
/// agreements but never personal data, which only the agreement's municipality's caseworkers see.
/// </summary>
public static class Access
{
    /// <summary>Reads every municipality's agreements (and never changes them).</summary>
    public static bool ReadsAllMunicipalities(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(Roles.Monitoring) || user.IsIn(Roles.Administrator);
    }

    /// <summary>May see an agreement of <paramref name="municipalityCode"/> (without personal data).</summary>
    public static bool MayRead(this CurrentUser user, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.ReadsAllMunicipalities()
            || (user.Serves(municipalityCode) && (user.IsIn(Roles.Caseworker) || user.IsIn(Roles.FinanceApprover) || user.IsIn(Roles.Supervisor)));
    }

    /// <summary>May act in <paramref name="role"/> on an agreement of <paramref name="municipalityCode"/>.</summary>
    public static bool MayActAs(this CurrentUser user, string role, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(role) && user.Serves(municipalityCode) && role is Roles.Caseworker or Roles.FinanceApprover or Roles.Supervisor;
    }

    /// <summary>May see the personal data (CPR, names, contact details, notes) of an agreement of <paramref name="municipalityCode"/>.</summary>
    public static bool MaySeePersonalData(this CurrentUser user, string municipalityCode) =>
        user.MayActAs(Roles.Caseworker, municipalityCode);

    /// <summary>The municipalities the user holds that exist (codes in <see cref="Municipalities.MunicipalityRegistry"/>).</summary>
    public static IReadOnlySet<string> HeldMunicipalities(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Municipalities.Where(code => Municipalities.MunicipalityRegistry.TryGet(code, out _)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// May import register extracts: the monitoring unit and administrators, matched to the agreements of the
    /// municipalities they hold (<see cref="CurrentUser.Municipalities"/>), never of others.
    /// </summary>
    public static bool MayImportRegisterExtracts(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(Roles.Monitoring) || user.IsIn(Roles.Administrator);
    }

    /// <summary>
    /// May see an import's record and report (<paramref name="importMunicipalities"/>: the municipalities it was matched
    /// in): one who may import and holds one of them; an import refused before it had a municipality (a dropped file
    /// named against the convention) is for administrators.
    /// </summary>
    public static bool MaySeeRegisterImport(this CurrentUser user, IReadOnlyCollection<string> importMunicipalities)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(importMunicipalities);
        return user.MayImportRegisterExtracts()
            && (importMunicipalities.Count == 0 ? user.IsIn(Roles.Administrator) : importMunicipalities.Any(user.Serves));
    }

    /// <summary>
    /// May see the effect dashboard (aggregates without personal data): the monitoring unit and administrators, for
    /// the municipalities they hold (<see cref="EffectMunicipalities"/>), never of others.
    /// </summary>
    public static bool MaySeeEffects(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(Roles.Monitoring) || user.IsIn(Roles.Administrator);
    }

    /// <summary>Whether the user may see the financing portfolio: the monitoring unit, finance approvers and administrators.</summary>
    public static bool MaySeePortfolio(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(Roles.Monitoring) || user.IsIn(Roles.FinanceApprover) || user.IsIn(Roles.Administrator);
    }

    /// <summary>The municipalities the effect dashboard covers for the user: those they hold that exist (empty: none).</summary>
    public static IReadOnlySet<string> EffectMunicipalities(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.MaySeeEffects() ? user.HeldMunicipalities() : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The municipalities whose agreements the user may list; null: all of them.</summary>
    public static IReadOnlySet<string>? ReadableMunicipalities(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.ReadsAllMunicipalities() ? null : user.Municipalities.Where(user.MayRead).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// May import a caseload (existing agreements, from a file): caseworkers and administrators, each for the
    /// municipalities they hold (<see cref="MayImportCaseloadFor"/>); a row of another municipality is refused.
    /// </summary>
    public static bool MayImportCaseload(this CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsIn(Roles.Caseworker) || user.IsIn(Roles.Administrator);
    }

    /// <summary>May create agreements of <paramref name="municipalityCode"/> by importing a caseload.</summary>
    public static bool MayImportCaseloadFor(this CurrentUser user, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.MayImportCaseload() && user.Serves(municipalityCode);
    }
}

namespace Mobilitet.Workflows.Identity;

/// <summary>
/// The app roles (Entra app-role values; the same names in the local host's development sign-in).
/// A person may hold several.
/// </summary>
public static class Roles
{
    /// <summary>Sagsbehandler: creates agreements, records consent, the move and measurements in their municipalities.</summary>
    public const string Caseworker = "caseworker";

    /// <summary>Bevillingsansvarlig: decides financing requests the policy does not approve by itself.</summary>
    public const string FinanceApprover = "finance-approver";

    /// <summary>Tilsynsenhed: decides escalations.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Monitoreringsenheden: reads every municipality's agreements and numbers, never personal data.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>Administrator: reads the audit log; operates the system.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Caseworker, FinanceApprover, Supervisor, Monitoring, Administrator];

    /// <summary>The role as Danish users call it (pages and messages use this one wording).</summary>
    public static string DanishName(string role) => role switch
    {
        Caseworker => "Sagsbehandler",
        FinanceApprover => "Bevillingsansvarlig",
        Supervisor => "Tilsynsenhed",
        Monitoring => "Monitoreringsenheden",
        Administrator => "Administrator",
        _ => role,
    };
}

namespace Mobilitet.Workflows.PersonalData;

/// <summary>The kinds of personal data at rest, each encrypted under its own purpose (docs/personal-data.md).</summary>
public enum PersonalDataKind
{
    /// <summary>The vault: parties (CPR, names, emails, phone), reasons, notes, check-in comments.</summary>
    Vault,

    /// <summary>Emails kept in the outbox instead of sent (addresses, subject, bodies, links).</summary>
    Outbox,

    /// <summary>Agreement documents: sent emails' archive, business case, measurement reports.</summary>
    Documents,

    /// <summary>Caseload import lines waiting to be imported (the form's fields).</summary>
    CaseloadImport,
}

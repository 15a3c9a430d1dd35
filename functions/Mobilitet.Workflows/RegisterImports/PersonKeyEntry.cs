using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>One agreement in the <see cref="IPersonKeyIndex"/>: its resident's person key (never the CPR) and its municipality.</summary>
public sealed record PersonKeyEntry(PersonKey Person, string AgreementId, string MunicipalityCode);

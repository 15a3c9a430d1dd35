namespace Mobilitet.Workflows.Financing;

/// <summary>Configuration section "Financing".</summary>
public sealed class FinancingOptions
{
    public const string Section = "Financing";

    /// <summary>The instrument the caseworker's form and the API choose when the request names none (<see cref="InstrumentCatalog"/>).</summary>
    public string DefaultInstrument { get; set; } = InstrumentCatalog.DefaultName;
}

using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Measurements;

/// <summary>
/// A milestone's values, from the window its milestone measures after the actual move (<see cref="IndicatorWindow.For"/>):
/// <list type="number">
/// <item>Register data first: the agreement's imported rows, measured by <see cref="RegisterIndicators.Measure"/>
/// when they cover the window well enough.</item>
/// <item>Otherwise the values a caseworker recorded by hand, the fallback for a window the registers do not cover.
/// An entry does not override register data: wrong register data is corrected by a newer upload, which wins.</item>
/// <item>Otherwise nothing: the data is missing.</item>
/// </list>
/// An agreement without a move date has no window, so no values.
/// </summary>
public sealed class MilestoneIndicatorSource(IRegisterRowStore registerRows, IIndicatorStore entries, SupportCodeTable supportCodes) : IIndicatorSource
{
    public async Task<SourcedIndicators?> FindAsync(AgreementRecord agreement, Milestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (agreement.MovedOn is not { } movedOn)
        {
            return null;
        }

        // Both sources at once (one round trip, not two): register data wins, values entered by hand stand in for it.
        var window = IndicatorWindow.For(milestone, movedOn);
        var entered = entries.FindAsync(agreement.AgreementId, milestone, cancellationToken);
        var register = FromRegisterAsync(agreement, window, cancellationToken);
        await Task.WhenAll(entered, register).ConfigureAwait(false);
        return await register.ConfigureAwait(false)
            ?? (await entered.ConfigureAwait(false) is { } entry
                ? new SourcedIndicators(entry.Values, IndicatorProvenance.FromEntry(window, entry))
                : null);
    }

    /// <summary>
    /// Register data only: the values entered by hand are the milestone's own window's, so they cannot stand in for a
    /// later one. Missing register data makes the extra measurement's data missing.
    /// </summary>
    public async Task<SourcedIndicators?> FindExtensionAsync(AgreementRecord agreement, Milestone milestone, int months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.MovedOn is { } movedOn
            ? await FromRegisterAsync(agreement, IndicatorWindow.For(milestone, movedOn, months), cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<SourcedIndicators?> FromRegisterAsync(AgreementRecord agreement, IndicatorWindow window, CancellationToken cancellationToken)
    {
        var rows = await registerRows.ReadAsync(agreement.AgreementId, cancellationToken).ConfigureAwait(false);
        return !rows.IsEmpty && RegisterIndicators.Measure(window, rows.Amounts, rows.Weeks(supportCodes)) is { Values: { } measured } register
            ? new SourcedIndicators(measured, IndicatorProvenance.FromRegister(register, supportCodes))
            : null;
    }
}

using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// Reads what the financing portfolio is built from: the agreements of the municipalities covered (one partition each)
/// and the measurements table once, keeping the rows of those agreements as they stream in.
/// </summary>
public sealed class PortfolioQuery(IAgreementRepository agreements, IMeasurementRepository measurements)
{
    public async Task<PortfolioReport> ReadAsync(IReadOnlySet<string> municipalities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        var lists = await Task.WhenAll(municipalities.Select(code => agreements.ListAsync(code, null, cancellationToken)));
        var covered = lists.SelectMany(list => list).ToList();
        var ids = covered.Select(agreement => agreement.AgreementId).ToHashSet(StringComparer.Ordinal);
        var measured = await measurements.ReadAllAsync(cancellationToken).CollectAsync(measurement => ids.Contains(measurement.AgreementId));
        return PortfolioAggregation.Build(covered, measured, municipalities);
    }
}

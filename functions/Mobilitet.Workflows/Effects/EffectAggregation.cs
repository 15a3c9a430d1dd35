using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;

namespace Mobilitet.Workflows.Effects;

/// <summary>
/// Builds the effect dashboard from the read model's records (pure: no storage, no clock). Agreements are grouped
/// by municipality, housing area (as <see cref="HousingAreas.Normalize"/> compares them), direction and start cohort
/// (<see cref="Cohort.Of"/>); per group: agreements per status; at M3, M12 and M36 the agreements measured with
/// values, the share of them on track, and the mean and median change against their own baseline of the
/// self-sufficiency rate and of the annual net contribution; and the escalations opened, resolved and unresolved.
/// Every number is published or suppressed as <see cref="Suppression"/> decides over all the agreements of
/// <see cref="EffectFilter.Municipalities"/>, whatever the filter, so no filter combination shows what another hides.
/// </summary>
public static class EffectAggregation
{
    // Dimension order of the populations: municipality, housing area, direction, cohort, then status (agreements)
    // or state (escalations).
    private const int Dimensions = 4;
    private const string Resolved = "resolved";
    private const string Unresolved = "unresolved";

    public static EffectReport Build(
        IEnumerable<AgreementRecord> agreements,
        IEnumerable<MeasurementRecord> measurements,
        IEnumerable<EscalationRecord> escalations,
        EffectFilter filter)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(escalations);
        ArgumentNullException.ThrowIfNull(filter);

        var facts = agreements
            .Where(agreement => filter.Municipalities.Contains(agreement.MunicipalityCode))
            .Select(agreement => new Facts(agreement))
            .ToDictionary(fact => fact.Agreement.AgreementId, StringComparer.Ordinal);
        foreach (var measurement in measurements)
        {
            if (facts.TryGetValue(measurement.AgreementId, out var fact) && Retention.MilestoneChange.Of(fact.Agreement.Baseline, measurement) is { } change)
            {
                fact.Measured[measurement.Milestone] = change;
            }
        }

        // An agreement whose personal data was erased at the end of its retention period: the changes kept for it.
        foreach (var fact in facts.Values.Where(fact => fact.Agreement.Baseline is null && fact.Agreement.Retained is not null))
        {
            foreach (var change in fact.Agreement.Retained!.Milestones)
            {
                fact.Measured[change.Milestone] = change;
            }
        }

        foreach (var escalation in escalations)
        {
            if (facts.TryGetValue(escalation.AgreementId, out var fact))
            {
                fact.EscalationStates.Add(escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved ? Unresolved : Resolved);
            }
        }

        var all = facts.Values.OrderBy(fact => fact.Agreement.AgreementId, StringComparer.Ordinal).ToList();
        var protection = new Protection(
            Suppression.Compute(all.Select(fact => (fact.Agreement.AgreementId, (IReadOnlyList<string>)[.. fact.Values, fact.Agreement.Status.ToString()])), Dimensions + 1),
            Milestones.InOrder.ToDictionary(
                milestone => milestone,
                milestone => Suppression.Compute(all.Where(fact => fact.Measured.ContainsKey(milestone)).Select(fact => (fact.Agreement.AgreementId, (IReadOnlyList<string>)fact.Values)), Dimensions)),
            Suppression.Compute(
                all.SelectMany(fact => fact.EscalationStates.Select(state => (fact.Agreement.AgreementId, (IReadOnlyList<string>)[.. fact.Values, state]))),
                Dimensions + 1));

        var filterValues = new string?[]
        {
            filter.Municipality,
            filter.HousingArea is { } area ? HousingAreas.Normalize(area) : null,
            filter.Direction is { } direction ? DirectionKey(direction) : null,
            filter.Cohort?.ToString(),
        };
        var selected = all.Where(fact => Matches(fact, filterValues)).ToList();
        var tables = new List<EffectTable>();
        foreach (var grouping in EffectGroupings.InOrder.Where(grouping => !filter.Fixes(grouping)))
        {
            var dimension = (int)grouping;
            var rows = selected
                .GroupBy(fact => fact.Values[dimension], StringComparer.Ordinal)
                .Select(group =>
                {
                    var values = (string?[])filterValues.Clone();
                    values[dimension] = group.Key;
                    return (Order: OrderKey(grouping, group.First()), Row: Row(group.Key, Label(grouping, group.First()), group.ToList(), values, protection));
                })
                .OrderBy(row => row.Order, StringComparer.Create(Notifications.DanishFormat.Culture, ignoreCase: false))
                .Select(row => row.Row)
                .ToList();
            tables.Add(new EffectTable(grouping, rows));
        }

        return new EffectReport { Total = Row(null, "I alt", selected, filterValues, protection), Tables = tables };
    }

    /// <summary>A direction as the API and filters spell it.</summary>
    public static string DirectionKey(MoveDirection direction) => direction == MoveDirection.Out ? "out" : "in";

    private static bool Matches(Facts fact, string?[] filter)
    {
        for (var dimension = 0; dimension < Dimensions; dimension++)
        {
            if (filter[dimension] is { } wanted && !string.Equals(fact.Values[dimension], wanted, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static EffectRow Row(string? key, string label, IReadOnlyList<Facts> group, string?[] values, Protection protection)
    {
        string?[] With(string? last) => [.. values, last];
        var shown = protection.Agreements.IsShown(With(null));

        // A count of 0 is a number about no one: shown, unless the whole row is hidden (then it would tell what the rest is).
        Figure Count(int count, bool countShown) => Figure.ShownIf(count == 0 ? shown : countShown, count);

        var byStatus = Enum.GetValues<AgreementStatus>().ToDictionary(
            status => status,
            status => Count(group.Count(fact => fact.Agreement.Status == status), protection.Agreements.IsShown(With(status.ToString()))));

        var milestones = Milestones.InOrder.ToDictionary(milestone => milestone, milestone =>
        {
            var measured = group.Where(fact => fact.Measured.ContainsKey(milestone)).ToList();
            var measuredShown = measured.Count == 0 ? shown : protection.Measured[milestone].IsShown(values);
            if (measured.Count == 0 || !measuredShown)
            {
                var empty = measuredShown ? Figure.NoData : Figure.Suppressed;
                return new MilestoneEffect(Figure.ShownIf(measuredShown, measured.Count), empty, empty, empty, empty, empty);
            }

            var selfSufficiency = measured.Select(fact => fact.Measured[milestone].SelfSufficiencyChange).ToList();
            var netContribution = measured.Select(fact => fact.Measured[milestone].NetContributionChangeDkk).ToList();
            var onTrack = measured.Count(fact => fact.Measured[milestone].Outcome == MeasurementOutcome.OnTrack);
            return new MilestoneEffect(
                Figure.Of(measured.Count),
                Figure.Of(Math.Round((decimal)onTrack / measured.Count, 4, MidpointRounding.AwayFromZero)),
                Figure.Of(Math.Round(selfSufficiency.Average(), 4, MidpointRounding.AwayFromZero)),
                Figure.Of(Math.Round(Median(selfSufficiency), 4, MidpointRounding.AwayFromZero)),
                Figure.Of(Math.Round(netContribution.Average(), 0, MidpointRounding.AwayFromZero)),
                Figure.Of(Math.Round(Median(netContribution), 0, MidpointRounding.AwayFromZero)));
        });

        var states = group.SelectMany(fact => fact.EscalationStates).ToList();
        var escalations = new EscalationEffect(
            Count(states.Count, protection.Escalations.IsShown(With(null))),
            Count(states.Count(state => state == Resolved), protection.Escalations.IsShown(With(Resolved))),
            Count(states.Count(state => state == Unresolved), protection.Escalations.IsShown(With(Unresolved))));

        return new EffectRow(key, label, Figure.ShownIf(shown, group.Count), byStatus, milestones, escalations);
    }

    /// <summary>The middle value; with an even number of values, the mean of the two in the middle.</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is not defined.", nameof(values));
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    private static string Label(EffectGrouping grouping, Facts fact) => grouping switch
    {
        EffectGrouping.Municipality => MunicipalityRegistry.NameOf(fact.Agreement.MunicipalityCode),
        EffectGrouping.HousingArea => fact.Agreement.HousingArea is { } area && HousingAreas.Normalize(area).Length > 0 ? area.Trim() : "Ukendt",
        EffectGrouping.Direction => fact.Agreement.Direction == MoveDirection.Out ? "Ud af et udsat boligområde" : "Ind i et udsat boligområde",
        EffectGrouping.Cohort => fact.Cohort.DanishName,
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    /// <summary>Municipalities and areas alphabetically (Danish), directions out before in, cohorts oldest first.</summary>
    private static string OrderKey(EffectGrouping grouping, Facts fact) => grouping switch
    {
        EffectGrouping.Direction => fact.Agreement.Direction == MoveDirection.Out ? "0" : "1",
        EffectGrouping.Cohort => fact.Values[(int)EffectGrouping.Cohort],
        EffectGrouping.HousingArea when fact.Values[(int)EffectGrouping.HousingArea].Length == 0 => "\uffff",
        _ => Label(grouping, fact),
    };

    private sealed class Facts
    {
        public Facts(AgreementRecord agreement)
        {
            Agreement = agreement;
            Cohort = Cohort.Of(agreement.CreatedAt);
            Values =
            [
                agreement.MunicipalityCode,
                agreement.HousingArea is { } area ? HousingAreas.Normalize(area) : string.Empty,
                DirectionKey(agreement.Direction),
                Cohort.ToString(),
            ];
        }

        public AgreementRecord Agreement { get; }

        public Cohort Cohort { get; }

        /// <summary>The agreement's value in each grouping (the dimensions of <see cref="Suppression"/>).</summary>
        public string[] Values { get; }

        /// <summary>The milestones measured with values (and a baseline to compare with), as changes from the baseline.</summary>
        public Dictionary<Milestone, Retention.MilestoneChange> Measured { get; } = [];

        public List<string> EscalationStates { get; } = [];
    }

    private sealed record Protection(Suppression Agreements, IReadOnlyDictionary<Milestone, Suppression> Measured, Suppression Escalations);
}

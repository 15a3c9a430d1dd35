namespace Mobilitet.Workflows.Effects;

/// <summary>
/// Which counts of a set of items may be published, so that no group of fewer than <see cref="Threshold"/>
/// agreements can be seen or worked out — neither directly nor by subtracting published numbers from each other.
/// <para>
/// Every item (an agreement, or an escalation) has a value in each of a fixed list of dimensions (municipality,
/// housing area, direction, cohort, and e.g. status) and belongs to one agreement (its base). A <em>population</em>
/// fixes some dimensions and leaves the others open ("Aarhus, moved out, any cohort"); every number on the
/// dashboard describes one population, and whatever filters a person combines, what they see is a population.
/// Each population with a dimension open is the sum of the populations that fix that dimension to each of its
/// values: that is a <em>relation</em> (a total and its parts), and subtraction works inside relations.
/// </para>
/// <para>The rule, applied to every population of the items at once (so every page and filter agrees):</para>
/// <list type="number">
/// <item><b>Primary</b>: a population with 1–4 agreements behind it is suppressed. (Empty populations are not
/// numbers about anyone: a count of 0 is shown.)</item>
/// <item><b>Complementary</b>: in every relation, either nothing is suppressed, or at least two of its members
/// (total or parts) are; and when the total is shown, the suppressed parts together cover at least
/// <see cref="Threshold"/> agreements — so subtracting the shown parts from the total leaves a sum of several
/// groups that is itself not a small group. Where a relation breaks this, its smallest shown part is suppressed
/// too (ties: the first in key order), or the total when no part is left; this repeats until every relation
/// holds (each step only hides more, so it ends).</item>
/// </list>
/// <para>
/// Limits: the people a dashboard is computed for (their municipalities) bound the items, so two people holding
/// different municipalities get patterns of their own; numbers are not protected against differences over time
/// (the same page today and after one more agreement); and the two-suppressions-per-relation rule is the usual
/// heuristic, not a proof against every linear combination across many relations (that needs an optimiser such
/// as τ-ARGUS). docs/effects.md describes the rule for readers of the dashboard.
/// </para>
/// </summary>
public sealed class Suppression
{
    /// <summary>The smallest group of agreements whose numbers are shown.</summary>
    public const int Threshold = 5;

    /// <summary>Stands for "any value" in a population key.</summary>
    public const string Any = "\u0001";

    private const char Separator = '\u001f';

    private readonly Dictionary<string, Population> populations;

    private Suppression(Dictionary<string, Population> populations) => this.populations = populations;

    /// <summary>How many populations the items make (for tests and diagnostics).</summary>
    public int PopulationCount => populations.Count;

    /// <param name="items">Each item's base (its agreement id) and its value in each of <paramref name="dimensions"/> dimensions.</param>
    public static Suppression Compute(IEnumerable<(string Base, IReadOnlyList<string> Values)> items, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 8);

        var all = new Dictionary<string, Population>(StringComparer.Ordinal);
        var key = new string[dimensions];

        // Items in base order, so a population counts an agreement once however many of its items it holds.
        foreach (var (baseId, values) in items.OrderBy(item => item.Base, StringComparer.Ordinal))
        {
            if (values.Count != dimensions)
            {
                throw new ArgumentException($"Every item needs a value in each of the {dimensions} dimensions.", nameof(items));
            }

            for (var mask = 0; mask < 1 << dimensions; mask++)
            {
                for (var dimension = 0; dimension < dimensions; dimension++)
                {
                    key[dimension] = (mask & (1 << dimension)) != 0 ? values[dimension] : Any;
                }

                var text = string.Join(Separator, key);
                if (!all.TryGetValue(text, out var population))
                {
                    all[text] = population = new Population(text, mask);
                }

                population.Items++;
                if (!string.Equals(population.LastBase, baseId, StringComparison.Ordinal))
                {
                    population.Agreements++;
                    population.LastBase = baseId;
                }
            }
        }

        var suppression = new Suppression(all);
        suppression.Protect(dimensions);
        return suppression;
    }

    /// <summary>The key of a population: each dimension's value, or <see cref="Any"/> (null) where it is open.</summary>
    public static string KeyOf(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(Separator, values.Select(value => value ?? Any));
    }

    /// <summary>Whether the population's numbers may be shown (an empty population may: it is 0).</summary>
    public bool IsShown(IReadOnlyList<string?> values) => !populations.TryGetValue(KeyOf(values), out var population) || !population.Hidden;

    /// <summary>How many items the population holds (0 if none).</summary>
    public int ItemsIn(IReadOnlyList<string?> values) => populations.TryGetValue(KeyOf(values), out var population) ? population.Items : 0;

    private void Protect(int dimensions)
    {
        // The relations: a total (one dimension open) and its parts (that dimension fixed to each value).
        var relations = new Dictionary<(string Total, int Dimension), Relation>();
        foreach (var population in populations.Values)
        {
            var values = population.Key.Split(Separator);
            for (var dimension = 0; dimension < dimensions; dimension++)
            {
                if ((population.Mask & (1 << dimension)) == 0)
                {
                    continue;
                }

                var totalValues = (string[])values.Clone();
                totalValues[dimension] = Any;
                var totalKey = string.Join(Separator, totalValues);
                if (!relations.TryGetValue((totalKey, dimension), out var relation))
                {
                    relations[(totalKey, dimension)] = relation = new Relation(populations[totalKey]);
                    relation.Total.Relations.Add(relation);
                }

                relation.Parts.Add(population);
                population.Relations.Add(relation);
            }
        }

        foreach (var population in populations.Values)
        {
            population.Hidden = population.Agreements < Threshold;
        }

        // Parts in a fixed order (smallest first, then by key), so the complementary choice does not depend on input order.
        foreach (var relation in relations.Values)
        {
            relation.Parts.Sort(static (a, b) => a.Agreements != b.Agreements ? a.Agreements.CompareTo(b.Agreements) : string.CompareOrdinal(a.Key, b.Key));
        }

        var work = new Queue<Relation>(relations.Values);
        var queued = relations.Values.ToHashSet();
        while (work.TryDequeue(out var relation))
        {
            queued.Remove(relation);
            if (NextToHide(relation) is not { } hide)
            {
                continue;
            }

            hide.Hidden = true;
            foreach (var affected in hide.Relations)
            {
                if (queued.Add(affected))
                {
                    work.Enqueue(affected);
                }
            }
        }
    }

    /// <summary>The member the relation must hide next to hold (null: it holds).</summary>
    private static Population? NextToHide(Relation relation)
    {
        var hiddenParts = 0;
        var hiddenAgreements = 0;
        Population? smallestShown = null;
        foreach (var part in relation.Parts)
        {
            if (part.Hidden)
            {
                hiddenParts++;
                hiddenAgreements += part.Agreements;
            }
            else
            {
                smallestShown ??= part;
            }
        }

        var hidden = hiddenParts + (relation.Total.Hidden ? 1 : 0);
        var holds = hidden == 0 || (hidden >= 2 && (relation.Total.Hidden || hiddenAgreements >= Threshold));
        if (holds)
        {
            return null;
        }

        return smallestShown ?? (relation.Total.Hidden ? null : relation.Total);
    }

    private sealed class Population(string key, int mask)
    {
        public string Key { get; } = key;

        /// <summary>Which dimensions the population fixes (bit i: dimension i).</summary>
        public int Mask { get; } = mask;

        public int Items { get; set; }

        public int Agreements { get; set; }

        public string? LastBase { get; set; }

        public bool Hidden { get; set; }

        public List<Relation> Relations { get; } = [];
    }

    private sealed class Relation(Population total)
    {
        public Population Total { get; } = total;

        public List<Population> Parts { get; } = [];
    }
}

using Mobilitet.Workflows.Effects;

namespace Mobilitet.Workflows.Tests.Effects;

/// <summary>The suppression rule on small hand-made tables: primary (1–4 agreements), then complementary in every relation.</summary>
public sealed class SuppressionTests
{
    private static readonly string[] Cohorts = ["Q4", "Q1"];
    private static readonly string[] Directions = ["out", "in"];

    /// <summary>Agreements "a1", "a2", … with the given values, <paramref name="count"/> of them.</summary>
    private static IEnumerable<(string Base, IReadOnlyList<string> Values)> Items(string prefix, int count, params string[] values) =>
        Enumerable.Range(1, count).Select(index => ($"{prefix}{index:D3}", (IReadOnlyList<string>)values));

    [Fact]
    public void A_group_of_fewer_than_five_is_hidden_and_so_is_the_smallest_other_group_so_the_total_cannot_give_it_away()
    {
        var suppression = Suppression.Compute([.. Items("a", 10, "A"), .. Items("b", 3, "B"), .. Items("c", 7, "C")], 1);

        Assert.True(suppression.IsShown([null]));
        Assert.True(suppression.IsShown(["A"]));
        Assert.False(suppression.IsShown(["B"]));
        Assert.False(suppression.IsShown(["C"])); // 20 − 10 − 7 would be B's 3
    }

    [Fact]
    public void Two_small_groups_that_together_are_still_fewer_than_five_take_a_third_group_with_them()
    {
        var suppression = Suppression.Compute([.. Items("a", 10, "A"), .. Items("b", 1, "B"), .. Items("c", 2, "C"), .. Items("d", 6, "D")], 1);

        string[] groups = ["A", "B", "C", "D"];
        Assert.Equal([true, false, false, false], groups.Select(value => suppression.IsShown([value])));
    }

    [Fact]
    public void Groups_of_five_or_more_are_all_shown_and_an_empty_group_is_a_zero()
    {
        var suppression = Suppression.Compute([.. Items("a", 5, "A"), .. Items("b", 6, "B")], 1);

        Assert.True(suppression.IsShown(["A"]) && suppression.IsShown(["B"]) && suppression.IsShown([null]));
        Assert.True(suppression.IsShown(["nobody"]));
        Assert.Equal(0, suppression.ItemsIn(["nobody"]));
    }

    [Fact]
    public void A_total_of_fewer_than_five_hides_everything()
    {
        var suppression = Suppression.Compute([.. Items("a", 2, "A"), .. Items("b", 2, "B")], 1);

        Assert.False(suppression.IsShown([null]));
        Assert.False(suppression.IsShown(["A"]));
    }

    [Fact]
    public void A_hidden_cell_of_a_two_way_table_takes_a_cycle_of_cells_with_it_so_no_row_or_column_gives_it_away()
    {
        // Direction × cohort with (out, Q4) = 3. Hiding (in, Q4) for the Q4 column is not enough: the "in" row would then
        // give (in, Q4) away as "in" − (in, Q1), and with it (out, Q4). Every row and column needs none or two hidden cells.
        var suppression = Suppression.Compute(
            [.. Items("a", 3, "out", "Q4"), .. Items("b", 7, "in", "Q4"), .. Items("c", 6, "out", "Q1"), .. Items("d", 8, "in", "Q1")],
            2);

        var hidden = new[] { ("out", "Q4"), ("in", "Q4"), ("out", "Q1"), ("in", "Q1") }
            .Where(cell => !suppression.IsShown([cell.Item1, cell.Item2]))
            .ToList();
        Assert.Equal([("out", "Q4"), ("in", "Q4"), ("out", "Q1"), ("in", "Q1")], hidden);

        // The margins stay (each is a sum of two hidden cells of at least five agreements).
        Assert.All(new string?[][] { ["out", null], ["in", null], [null, "Q4"], [null, "Q1"], [null, null] }, margin => Assert.True(suppression.IsShown(margin)));
        foreach (var (direction, cohort) in hidden)
        {
            var row = Cohorts.Count(other => !suppression.IsShown([direction, other]));
            var column = Directions.Count(other => !suppression.IsShown([other, cohort]));
            Assert.True(row >= 2 && column >= 2);
        }
    }

    [Fact]
    public void A_group_that_is_the_whole_of_a_hidden_group_under_another_name_is_hidden_too()
    {
        // Area "x" exists in municipality "m1" only: {x} and {m1, x} are the same agreements, so they are hidden together.
        var suppression = Suppression.Compute(
            [.. Items("a", 6, "m1", "x"), .. Items("b", 3, "m1", "y"), .. Items("c", 9, "m2", "z")],
            2);

        Assert.False(suppression.IsShown([null, "y"]));
        Assert.False(suppression.IsShown([null, "x"]));
        Assert.False(suppression.IsShown(["m1", "x"]));
        Assert.True(suppression.IsShown(["m1", null]));
        Assert.True(suppression.IsShown([null, "z"]));
    }

    [Fact]
    public void An_agreement_with_several_items_counts_once_towards_the_threshold()
    {
        // Eight escalations of two agreements are still a group of two agreements.
        var items = Enumerable.Range(1, 8).Select(index => (index % 2 == 0 ? "a1" : "a2", (IReadOnlyList<string>)["m1"]))
            .Concat(Items("b", 5, "m2"));

        var suppression = Suppression.Compute(items, 1);

        Assert.Equal(8, suppression.ItemsIn(["m1"]));
        Assert.False(suppression.IsShown(["m1"]));
        Assert.False(suppression.IsShown(["m2"]));
        Assert.True(suppression.IsShown([null]));
    }
}

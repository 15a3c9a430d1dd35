using CsCheck;
using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class NewerUploadWinsTests
{
    private static readonly DateTimeOffset Monday = new(2027, 6, 7, 8, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int month, int day) => new(2027, month, day);

    [Fact]
    public void A_newer_row_removes_every_older_row_of_the_same_person_it_overlaps_and_nothing_else()
    {
        var olderQuarter = Amount(D(1, 1), D(3, 31), uploadId: "old", line: 2, uploadedAt: Monday);
        var olderApril = Amount(D(4, 1), D(4, 30), uploadId: "old", line: 3, uploadedAt: Monday);
        var othersQuarter = Amount(D(1, 1), D(3, 31), person: Bo, uploadId: "old", line: 4, uploadedAt: Monday);
        var newerMarch = Amount(D(3, 31), D(3, 31), uploadId: "new", line: 2, uploadedAt: Monday.AddHours(1));

        var kept = NewerUploadWins.Amounts([olderQuarter, olderApril, othersQuarter, newerMarch]);

        Assert.Equal([olderApril, othersQuarter, newerMarch], kept);
    }

    [Fact]
    public void Adjacent_periods_do_not_overlap()
    {
        var older = Amount(D(1, 1), D(1, 31), uploadId: "old", uploadedAt: Monday);
        var newer = Amount(D(2, 1), D(2, 28), uploadId: "new", uploadedAt: Monday.AddDays(1));

        Assert.Equal([older, newer], NewerUploadWins.Amounts([older, newer]));
    }

    [Fact]
    public void At_the_same_instant_the_upload_id_that_sorts_later_wins()
    {
        var a = Amount(D(1, 1), D(1, 31), uploadId: "2027-06-07-a", uploadedAt: Monday);
        var b = Amount(D(1, 1), D(1, 31), uploadId: "2027-06-07-b", uploadedAt: Monday);

        Assert.Equal([b], NewerUploadWins.Amounts([a, b]));
        Assert.Equal([b], NewerUploadWins.Amounts([b, a]));
    }

    [Fact]
    public void Rows_of_one_upload_never_remove_each_other()
    {
        var first = Amount(D(1, 1), D(1, 31), line: 2);
        var second = Amount(D(1, 15), D(2, 15), line: 3);

        Assert.Equal([first, second], NewerUploadWins.Amounts([first, second]));
    }

    [Fact]
    public void Importing_the_same_rows_again_keeps_only_the_new_copy()
    {
        var first = Monthly(D(1, 1), 3, transfers: 1_000m, uploadId: "first");
        var again = first.Select(row => row with { Source = row.Source with { UploadId = "again" }, UploadedAt = row.UploadedAt.AddDays(1) }).ToList();

        var kept = NewerUploadWins.Amounts([.. first, .. again]);

        Assert.Equal(again, kept);
        Assert.Equal(kept, NewerUploadWins.Amounts(kept));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_rows()
    {
        var gen = Gen.Select(
            Gen.Int[0, 3], // upload
            Gen.Int[0, 1], // person
            Gen.Int[1, 200], // first day of 2027
            Gen.Int[0, 60]) // length − 1
            .Array[1, 12]
            .Select(Gen.Int, (specs, seed) => (specs, seed));

        gen.Sample(sample =>
        {
            var rows = sample.specs.Select((spec, i) => Amount(
                D(1, 1).AddDays(spec.Item3 - 1),
                D(1, 1).AddDays(spec.Item3 - 1 + spec.Item4),
                person: spec.Item2 == 0 ? Anna : Bo,
                uploadId: $"u{spec.Item1}",
                line: i + 2,
                uploadedAt: Monday.AddHours(spec.Item1 % 2))).ToArray(); // u0/u2 and u1/u3 share an instant
            var shuffled = rows.ToArray();
            new Random(sample.seed).Shuffle(shuffled);

            var kept = NewerUploadWins.Amounts(rows);

            Assert.Equal(kept.OrderBy(row => row.Source.UploadId).ThenBy(row => row.Source.Line), NewerUploadWins.Amounts(shuffled).OrderBy(row => row.Source.UploadId).ThenBy(row => row.Source.Line));
            Assert.Equal(kept, NewerUploadWins.Amounts(kept));
            foreach (var row in kept)
            {
                Assert.DoesNotContain(kept, other => other.Person == row.Person && other.Source.UploadId != row.Source.UploadId && other.Overlaps(row));
            }
        });
    }

    [Fact]
    public void For_weeks_the_newest_upload_gives_each_week_and_the_others_stay()
    {
        var older = Weeks(new IsoWeek(2027, 1), 4, onSupport: 4, uploadId: "old")
            .Select(week => week with { UploadedAt = Monday }).ToList();
        var newer = Weeks(new IsoWeek(2027, 3), 4, onSupport: 0, uploadId: "new")
            .Select(week => week with { UploadedAt = Monday.AddDays(1) }).ToList();

        var kept = NewerUploadWins.Weeks([.. newer, .. older]);

        Assert.Equal([1, 2, 3, 4, 5, 6], kept.Select(week => week.Week.Week));
        Assert.Equal(["old", "old", "new", "new", "new", "new"], kept.Select(week => week.Source.UploadId));
        Assert.Equal([true, true, false, false, false, false], kept.Select(week => week.OnSupport));
    }
}

using Mobilitet.Workflows.Effects;

namespace Mobilitet.Workflows.Tests.Effects;

public sealed class CohortTests
{
    [Theory]
    [InlineData("2026-03-31T21:59:59Z", "2026-Q1")] // 23:59:59 Danish summer time, 31 March
    [InlineData("2026-03-31T22:00:00Z", "2026-Q2")] // 1 April in Denmark
    [InlineData("2026-12-31T22:59:59Z", "2026-Q4")]
    [InlineData("2026-12-31T23:00:00Z", "2027-Q1")]
    public void An_agreement_belongs_to_the_quarter_it_was_created_in_danish_time(string createdAt, string cohort)
    {
        Assert.Equal(cohort, Cohort.Of(DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture)).ToString());
    }

    [Theory]
    [InlineData("2026-Q4", true)]
    [InlineData("2026-Q1", true)]
    [InlineData("2026-Q0", false)]
    [InlineData("2026-Q5", false)]
    [InlineData("2026-q4", false)]
    [InlineData("26-Q4", false)]
    [InlineData("2026Q4", false)]
    [InlineData("2026-Q4 ", false)]
    [InlineData("+026-Q4", false)]
    [InlineData("", false)]
    public void A_cohort_is_written_year_dash_q_quarter(string text, bool valid)
    {
        Assert.Equal(valid, Cohort.TryParse(text, out var cohort));
        if (valid)
        {
            Assert.Equal(text, cohort.ToString());
        }
    }

    [Fact]
    public void A_cohort_has_a_danish_name()
    {
        Assert.Equal("4. kvartal 2026", new Cohort(2026, 4).DanishName);
    }
}

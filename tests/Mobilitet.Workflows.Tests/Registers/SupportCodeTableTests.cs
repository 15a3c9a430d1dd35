using Microsoft.Extensions.Configuration;
using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class SupportCodeTableTests
{
    [Fact]
    public void The_default_table_counts_income_replacement_benefits_and_not_education_grants()
    {
        var table = SupportCodeTable.Default;

        Assert.Equal("dream-2026-1", table.Version);
        Assert.True(table.IsSupport("KH"));
        Assert.True(table.IsSupport(" dp "));
        Assert.False(table.IsSupport("SU"));
        Assert.False(table.IsSupport("XYZ"));
        Assert.False(table.IsSupport(null));
        Assert.False(table.IsSupport(""));
        Assert.Equal(table.Codes.Order(), SupportCodeTable.DefaultCodes.Keys.Order());
    }

    [Fact]
    public void Weekly_rows_become_each_persons_weeks_on_support_or_not()
    {
        var report = Parse(
            "cpr;y_2652;y_2653;y_2701",
            $"{Anna};KH;;SU",
            $"{Bo};;SD;");

        var weeks = SupportCodeTable.Default.Classify(report.WeeklyRows);

        Assert.Equal(2, weeks.Count);
        Assert.Equal([true, false, false], weeks[KeyOf(Anna)].Select(week => week.OnSupport));
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], weeks[KeyOf(Anna)].Select(week => week.Week.ToString()));
        Assert.Equal([false, true, false], weeks[KeyOf(Bo)].Select(week => week.OnSupport));
        Assert.All(weeks[KeyOf(Bo)], week => Assert.Equal(new RowRef("upload-1", 3), week.Source));
    }

    [Fact]
    public void Where_two_uploads_give_the_same_week_the_newer_one_counts()
    {
        var old = Parse("cpr;y_2701;y_2702", $"{Anna};KH;KH").WeeklyRows;
        var newer = Parse("cpr;y_2702;y_2703", $"{Anna};;").WeeklyRows
            .Select(row => row with { Source = row.Source with { UploadId = "upload-2" }, UploadedAt = row.UploadedAt.AddDays(30) });

        var weeks = SupportCodeTable.Default.Classify([.. old, .. newer])[KeyOf(Anna)];

        Assert.Equal([true, false, false], weeks.Select(week => week.OnSupport));
        Assert.Equal(["upload-1", "upload-2", "upload-2"], weeks.Select(week => week.Source.UploadId));
    }

    private static SupportCodeOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return configuration.GetSection(SupportCodeOptions.Section).Get<SupportCodeOptions>() ?? new SupportCodeOptions();
    }

    [Fact]
    public void Without_configuration_the_default_table_applies()
    {
        Assert.Same(SupportCodeTable.Default, Bind().ToTable());
        Assert.Same(SupportCodeTable.Default, Bind(("Registers:SupportCodes:Version", "dream-2026-1")).ToTable());
    }

    [Fact]
    public void A_configured_table_is_exactly_the_codes_configured()
    {
        var table = Bind(
            ("Registers:SupportCodes:Version", "dream-2027-1"),
            ("Registers:SupportCodes:Codes:0", "111"),
            ("Registers:SupportCodes:Codes:1", "su")).ToTable();

        Assert.Equal("dream-2027-1", table.Version);
        Assert.Equal(["111", "SU"], table.Codes.Order());
        Assert.True(table.IsSupport("su"));
        Assert.False(table.IsSupport("KH")); // not added to the default's codes
    }

    [Fact]
    public void A_published_version_cannot_be_given_other_codes_and_codes_need_a_version()
    {
        Assert.Throws<InvalidOperationException>(() => Bind(
            ("Registers:SupportCodes:Version", "dream-2026-1"),
            ("Registers:SupportCodes:Codes:0", "KH")).ToTable());
        Assert.Throws<InvalidOperationException>(() => Bind(("Registers:SupportCodes:Codes:0", "KH")).ToTable());
        Assert.Throws<InvalidOperationException>(() => Bind(("Registers:SupportCodes:Version", "dream-2027-1")).ToTable());
        Assert.Equal(SupportCodeTable.Default, new SupportCodeOptions { Version = "dream-2026-1", Codes = [.. SupportCodeTable.DefaultCodes.Keys] }.ToTable());
    }
}

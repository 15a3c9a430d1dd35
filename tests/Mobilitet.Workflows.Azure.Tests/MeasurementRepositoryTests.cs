using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class MeasurementRepositoryTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IMeasurementRepository Measurements => Get<IMeasurementRepository>();

    private static MeasurementRecord Measurement(string id, Milestone milestone, params Breach[] breaches) => new(
        id,
        milestone,
        breaches.Length > 0 ? MeasurementOutcome.BelowThreshold : MeasurementOutcome.OnTrack,
        breaches,
        new IndicatorValues(0.123456789012345678901234567m, 99_999.995m, 0.01m),
        Samples.Created.AddMonths((int)milestone));

    [Fact]
    public async Task Measurements_are_listed_in_milestone_order_with_values_and_breaches()
    {
        var id = AgreementIds.New();
        var m36 = Measurement(id, Milestone.M36);
        var m3 = Measurement(id, Milestone.M3, Breach.SelfSufficiencyBelowMinimum, Breach.ResourceDrawAboveMaximum);
        var m12 = Measurement(id, Milestone.M12, Breach.ResourceDrawAboveMaximum);

        foreach (var measurement in new[] { m36, m3, m12 })
        {
            await Measurements.SaveAsync(measurement, None);
        }

        var listed = await Measurements.ListAsync(id, None);
        Assert.Equal([Milestone.M3, Milestone.M12, Milestone.M36], listed.Select(m => m.Milestone));
        AssertSame(m3, listed[0]);
        AssertSame(m12, listed[1]);
        AssertSame(m36, listed[2]);
    }

    [Fact]
    public async Task An_extra_measurement_of_a_milestone_is_a_row_of_its_own_beside_the_milestones()
    {
        var id = AgreementIds.New();
        var m3 = Measurement(id, Milestone.M3, Breach.ResourceDrawAboveMaximum);
        var extension = Measurement(id, Milestone.M3) with { ExtensionMonths = 6 };
        var m12 = Measurement(id, Milestone.M12);

        foreach (var measurement in new[] { extension, m12, m3, extension })
        {
            await Measurements.SaveAsync(measurement, None);
        }

        var listed = await Measurements.ListAsync(id, None);
        Assert.Equal(["M3", "M3+6", "M12"], listed.Select(m => m.Label));
        AssertSame(m3, listed[0]);
        AssertSame(extension, listed[1]);
        Assert.Equal(6, listed[1].ExtensionMonths);
        Assert.Null(listed[0].ExtensionMonths);
        var all = new List<MeasurementRecord>();
        await foreach (var measurement in Measurements.ReadAllAsync(None))
        {
            all.Add(measurement);
        }

        Assert.Contains(all, m => m.AgreementId == id && m.ExtensionMonths == 6);
    }

    [Fact]
    public async Task Where_the_values_came_from_is_kept_and_survives_the_erasure_of_the_values()
    {
        var id = AgreementIds.New();
        var register = new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Register,
            WindowStart = new DateOnly(2027, 1, 31),
            WindowEnd = new DateOnly(2027, 4, 30),
            Uploads =
            [
                new UploadLines("imp-amounts", ExtractFormat.Amounts, [2, 3, 4]),
                new UploadLines("imp-weeks", ExtractFormat.Weekly, [7]),
            ],
            SelfSufficiencyFrom = SelfSufficiencySource.Weeks,
            AmountCoverage = 1m,
            WeekCoverage = 0.9286m,
            SupportCodeVersion = SupportCodeTable.DefaultVersion,
        };
        var manual = new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Manual,
            WindowStart = new DateOnly(2027, 4, 30),
            WindowEnd = new DateOnly(2028, 1, 31),
            EnteredBy = "caseworker-object-id",
            EnteredAt = new DateTimeOffset(2028, 2, 3, 10, 0, 0, TimeSpan.Zero),
        };
        await Measurements.SaveAsync(Measurement(id, Milestone.M3) with { Source = register }, None);
        await Measurements.SaveAsync(Measurement(id, Milestone.M12) with { Source = manual }, None);
        await Measurements.SaveAsync(Measurement(id, Milestone.M36) with { Outcome = MeasurementOutcome.MissingData, Values = null }, None);

        await Measurements.EraseValuesAsync(id, None);

        var listed = await Measurements.ListAsync(id, None);
        Assert.Equivalent(register, listed[0].Source, strict: true);
        Assert.Equal(register.Uploads.Select(upload => (upload.UploadId, upload.Format, string.Join(',', upload.Lines))), listed[0].Source!.Uploads.Select(upload => (upload.UploadId, upload.Format, string.Join(',', upload.Lines))));
        Assert.Equivalent(manual, listed[1].Source, strict: true);
        Assert.Null(listed[2].Source);
        Assert.All(listed, measurement => Assert.Null(measurement.Values));
    }

    [Fact]
    public async Task Saving_a_milestone_again_replaces_it()
    {
        var id = AgreementIds.New();
        await Measurements.SaveAsync(Measurement(id, Milestone.M12, Breach.SelfSufficiencyBelowMinimum), None);
        var missing = new MeasurementRecord(id, Milestone.M12, MeasurementOutcome.MissingData, [], null, Samples.Created.AddMonths(13));

        await Measurements.SaveAsync(missing, None);

        AssertSame(missing, Assert.Single(await Measurements.ListAsync(id, None)));
    }

    [Fact]
    public async Task Erasing_values_keeps_outcomes_and_breaches_and_leaves_other_agreements_alone()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        var m3 = Measurement(id, Milestone.M3, Breach.SelfSufficiencyBelowMinimum);
        var m12 = Measurement(id, Milestone.M12);
        var missing = new MeasurementRecord(id, Milestone.M36, MeasurementOutcome.MissingData, [], null, Samples.Created.AddMonths(36));
        var untouched = Measurement(other, Milestone.M3);
        foreach (var measurement in new[] { m3, m12, missing, untouched })
        {
            await Measurements.SaveAsync(measurement, None);
        }

        await Measurements.EraseValuesAsync(id, None);
        await Measurements.EraseValuesAsync(id, None);

        var erased = await Measurements.ListAsync(id, None);
        AssertSame(m3 with { Values = null }, erased[0]);
        AssertSame(m12 with { Values = null }, erased[1]);
        AssertSame(missing, erased[2]);
        AssertSame(untouched, Assert.Single(await Measurements.ListAsync(other, None)));
    }

    [Fact]
    public async Task An_agreement_without_measurements_lists_none()
    {
        Assert.Empty(await Measurements.ListAsync(AgreementIds.New(), None));
    }

    /// <summary>Records compare lists by reference, so compare the breaches by content.</summary>
    private static void AssertSame(MeasurementRecord expected, MeasurementRecord actual)
    {
        Assert.Equal(expected.Breaches, actual.Breaches);
        Assert.Equal(expected with { Breaches = [] }, actual with { Breaches = [] });
    }
}

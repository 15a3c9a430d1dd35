using System.Text.Json;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Retention;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// What the retention job reads: the end of an agreement recorded on the change that ends it, the ended index giving the
/// due agreements of one status oldest first and no more than asked, rows from before EndedAt by their last change, and
/// an agreement the job has finished (PersonalDataErasedAt) never listed again. Each test uses its own status: the
/// tests of this class share their tables.
/// </summary>
public sealed class AgreementRetentionIndexTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset T0 = new(2021, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private IAgreementRepository Repository => Get<IAgreementRepository>();

    [Fact]
    public async Task The_change_that_ends_an_agreement_records_its_end_and_lists_it_due_once_the_end_is_before_the_cutoff()
    {
        var agreement = Samples.Agreement() with { Status = AgreementStatus.Monitoring, CreatedAt = T0, LastChangedAt = T0 };
        await Repository.AddAsync(agreement, None);
        Assert.Empty(await Repository.ListDueForErasureAsync(AgreementStatus.Completed, T0.AddYears(10), 10, None));

        await Repository.UpdateAsync(agreement.AgreementId, T0.AddDays(1), current => current with { Status = AgreementStatus.Completed }, None);
        await Repository.UpdateAsync(agreement.AgreementId, T0.AddDays(2), current => current with { ApprovedDkk = 1m }, None); // a later change keeps the end
        var ended = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(T0.AddDays(1), ended!.EndedAt);
        Assert.Equal(T0.AddDays(1), ended.EndedOrLastChangedAt);

        Assert.Empty(await Repository.ListDueForErasureAsync(AgreementStatus.Completed, T0.AddDays(1), 10, None)); // strictly before
        var due = Assert.Single(await Repository.ListDueForErasureAsync(AgreementStatus.Completed, T0.AddDays(1).AddTicks(1), 10, None));
        Assert.Equal(agreement.AgreementId, due.AgreementId);
        Assert.Empty(await Repository.ListDueForErasureAsync(AgreementStatus.Cancelled, T0.AddYears(10), 10, None));

        // Kept outcome and marker: the row reads back with them, and is not listed again.
        var outcome = new RetainedOutcome([new MilestoneChange(Milestone.M3, MeasurementOutcome.OnTrack, 0.125m, 12_345.5m)], 99_000m, null);
        await Repository.UpdateAsync(agreement.AgreementId, T0.AddDays(3), current => current with { Retained = outcome, PersonalDataErasedAt = T0.AddDays(3) }, None);
        var erased = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(JsonSerializer.Serialize(outcome), JsonSerializer.Serialize(erased!.Retained));
        Assert.Equal(T0.AddDays(3), erased.PersonalDataErasedAt);
        Assert.Empty(await Repository.ListDueForErasureAsync(AgreementStatus.Completed, T0.AddYears(10), 10, None));
    }

    [Fact]
    public async Task Due_agreements_come_oldest_end_first_and_no_more_than_asked_rows_without_an_end_by_their_last_change()
    {
        var ends = new[] { 5, 1, 4, 2, 3 };
        var agreements = ends.Select(day => Samples.Agreement() with
        {
            Status = AgreementStatus.Expired,
            CreatedAt = T0,
            LastChangedAt = T0.AddDays(day),
            EndedAt = day % 2 == 0 ? T0.AddDays(day) : null, // odd days: stored before EndedAt was kept
        }).ToList();
        foreach (var agreement in agreements)
        {
            await Repository.AddAsync(agreement, None);
        }

        var firstThree = await Repository.ListDueForErasureAsync(AgreementStatus.Expired, T0.AddYears(1), 3, None);
        Assert.Equal([1, 2, 3], firstThree.Select(agreement => (int)(agreement.EndedOrLastChangedAt!.Value - T0).TotalDays));

        var beforeDay4 = await Repository.ListDueForErasureAsync(AgreementStatus.Expired, T0.AddDays(4), 10, None);
        Assert.Equal(3, beforeDay4.Count);
    }
}

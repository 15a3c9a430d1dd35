using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class NotificationLogTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private INotificationLog Log => Get<INotificationLog>();

    [Fact]
    public async Task A_notification_counts_as_sent_once_marked_for_that_agreement_only()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        const string notification = "consentreminder-reminder-1";

        Assert.False(await Log.WasSentAsync(id, notification, None));

        await Log.MarkSentAsync(id, notification, Samples.Created, None);
        await Log.MarkSentAsync(id, notification, Samples.Created.AddMinutes(1), None);

        Assert.True(await Log.WasSentAsync(id, notification, None));
        Assert.False(await Log.WasSentAsync(id, "consentreminder-reminder-2", None));
        Assert.False(await Log.WasSentAsync(other, notification, None));
    }

    [Fact]
    public async Task Notification_ids_with_characters_keys_cannot_hold_are_kept_apart()
    {
        var id = AgreementIds.New();

        await Log.MarkSentAsync(id, "escalationraised-m12/level#2?", Samples.Created, None);

        Assert.True(await Log.WasSentAsync(id, "escalationraised-m12/level#2?", None));
        Assert.False(await Log.WasSentAsync(id, "escalationraised-m12_level_2_", None));
    }

    [Fact]
    public async Task A_claimed_email_counts_as_sent_until_released_and_a_marked_one_cannot_be_released()
    {
        var id = AgreementIds.New();
        const string notification = "escalationraised-move-level-1";

        Assert.True(await Log.TryClaimAsync(id, notification, Samples.Created, None));
        Assert.False(await Log.TryClaimAsync(id, notification, Samples.Created, None));
        Assert.True(await Log.WasSentAsync(id, notification, None));

        // The send failed for certain: the claim is given up and a retry may claim it again.
        await Log.ReleaseAsync(id, notification, None);
        Assert.False(await Log.WasSentAsync(id, notification, None));
        Assert.True(await Log.TryClaimAsync(id, notification, Samples.Created, None));

        // Sent and marked: a release (a confused retry) leaves it sent, and it cannot be claimed again.
        await Log.MarkSentAsync(id, notification, Samples.Created, None);
        await Log.ReleaseAsync(id, notification, None);
        Assert.True(await Log.WasSentAsync(id, notification, None));
        Assert.False(await Log.TryClaimAsync(id, notification, Samples.Created, None));
    }

    [Fact]
    public async Task A_claim_is_marked_sent_in_one_write_by_the_log_that_made_it_and_read_first_by_any_other()
    {
        var counter = new TableReadCounter();
        var log = Counted(counter);
        var id = AgreementIds.New();

        // This log's own claim: the mark is one conditional write, nothing read.
        Assert.True(await log.TryClaimAsync(id, "own", Samples.Created, None));
        counter.Reset();
        await log.MarkSentAsync(id, "own", Samples.Created, None);
        Assert.Equal((1, 0), (counter.Requests, counter.RowsRead));
        await AssertMarkedAsync(id, "own");

        // Claimed by another process (another log): read, then marked.
        Assert.True(await Log.TryClaimAsync(id, "elsewhere", Samples.Created, None));
        counter.Reset();
        await log.MarkSentAsync(id, "elsewhere", Samples.Created, None);
        Assert.Equal((2, 1), (counter.Requests, counter.RowsRead));
        await AssertMarkedAsync(id, "elsewhere");

        // This log's claim, released and claimed again elsewhere meanwhile: the stale write is refused, the row read, marked.
        Assert.True(await log.TryClaimAsync(id, "changed", Samples.Created, None));
        await Log.ReleaseAsync(id, "changed", None);
        Assert.True(await Log.TryClaimAsync(id, "changed", Samples.Created, None));
        counter.Reset();
        await log.MarkSentAsync(id, "changed", Samples.Created, None);
        Assert.Equal(3, counter.Requests);
        await AssertMarkedAsync(id, "changed");
    }

    // Marked sent: a release (which only gives up claims) leaves it, and it cannot be claimed again.
    private async Task AssertMarkedAsync(string id, string notification)
    {
        await Log.ReleaseAsync(id, notification, None);
        Assert.True(await Log.WasSentAsync(id, notification, None));
        Assert.False(await Log.TryClaimAsync(id, notification, Samples.Created, None));
    }

    [Fact]
    public async Task A_claim_whose_answer_was_lost_after_storage_took_it_is_still_its_makers_and_nobody_elses()
    {
        // The SDK retries the insert and meets the row its first attempt wrote (409). Taken for another's claim, the
        // email would never be sent: its maker would skip it, and the claim blocks everyone else.
        var lostAnswer = new LostAnswer();
        var unlucky = new TableNotificationLog(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>());
        var id = AgreementIds.New();
        const string notification = "consentreminder-reminder-1";

        Assert.True(await unlucky.TryClaimAsync(id, notification, Samples.Created, None));
        Assert.Equal(1, lostAnswer.Lost);
        Assert.False(await Log.TryClaimAsync(id, notification, Samples.Created, None)); // another process: claimed

        // The maker sends and marks it; it stays sent.
        await unlucky.MarkSentAsync(id, notification, Samples.Created.AddMinutes(1), None);
        await Log.ReleaseAsync(id, notification, None);
        Assert.True(await Log.WasSentAsync(id, notification, None));
        Assert.False(await Log.TryClaimAsync(id, notification, Samples.Created, None));
    }

    /// <summary>A notification log of its own over this test's tables (another process's, as far as <see cref="Log"/> knows), counting its requests.</summary>
    private TableNotificationLog Counted(TableReadCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return new TableNotificationLog(new TableServiceClient(Azurite.ConnectionString, options), Get<IOptions<StorageOptions>>());
    }
}

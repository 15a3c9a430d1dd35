using Mobilitet.Testing;
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
}

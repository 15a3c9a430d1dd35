using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class FailedNotificationsTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private TableFailedNotifications Failures => ActivatorUtilities.CreateInstance<TableFailedNotifications>(Services);

    [Fact]
    public async Task A_failure_recorded_twice_is_one_row_and_the_newest_come_first()
    {
        var first = AgreementIds.New();
        var second = AgreementIds.New();
        await Failures.RecordAsync(new FailedNotification(first, "consentreminder-reminder-1", NotificationKind.ConsentReminder, 400, "personalizations.0.to.0.email", At), None);
        await Failures.RecordAsync(new FailedNotification(first, "consentreminder-reminder-1", NotificationKind.ConsentReminder, 400, "personalizations.0.to.0.email", At.AddMinutes(1)), None);
        await Failures.RecordAsync(new FailedNotification(second, "escalationraised-m3-level-1", NotificationKind.EscalationRaised, 403, string.Empty, At.AddMinutes(2)), None);

        var listed = (await Failures.ListAsync(1000, None)).Where(f => f.AgreementId == first || f.AgreementId == second).ToList();

        Assert.Equal(2, listed.Count);
        Assert.Equal(new FailedNotification(second, "escalationraised-m3-level-1", NotificationKind.EscalationRaised, 403, string.Empty, At.AddMinutes(2)), listed[0]);
        Assert.Equal(new FailedNotification(first, "consentreminder-reminder-1", NotificationKind.ConsentReminder, 400, "personalizations.0.to.0.email", At.AddMinutes(1)), listed[1]);
    }

    [Fact]
    public async Task An_archived_email_is_a_blob_of_the_agreement_and_goes_with_its_documents()
    {
        var documents = Services.GetRequiredService<IDocumentStore>();
        var id = AgreementIds.New();
        var email = new EmailMessage("movereminder-move", id, ["soeren@kommune.example.dk"], [], "Påmindelse", "Kære Søren", "<p>Kære Søren</p>", []);
        await documents.SaveJsonAsync(id, DocumentNames.SentEmail(email.Id), new ArchivedEmail(email, At), None);

        var archived = await documents.ReadJsonAsync<ArchivedEmail>(id, DocumentNames.SentEmail(email.Id), None);
        Assert.Equal(["soeren@kommune.example.dk"], archived!.Message.To);
        Assert.Equal(At, archived.SentAt);

        await documents.EraseAsync(id, None);

        Assert.Null(await documents.ReadJsonAsync<ArchivedEmail>(id, DocumentNames.SentEmail(email.Id), None));
    }
}

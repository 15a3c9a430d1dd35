using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Email;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class OutboxTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private readonly SteppingTime time = new();

    private TableOutbox Outbox => ActivatorUtilities.CreateInstance<TableOutbox>(Services, (TimeProvider)time);

    private static EmailMessage Email(string agreementId, string id, string subject = "Påmindelse") => new(
        id, agreementId, ["karin@example.dk"], ["soeren@kommune.example.dk"], subject, "Kære Karin", "<p>Kære Karin</p>",
        [new EmailLink("Træf beslutning", new Uri("http://localhost:7071/api/escalations/x-esc-m3/decide?token=1.abc"))]);

    [Fact]
    public async Task An_email_kept_twice_is_one_row_with_its_first_time()
    {
        var id = AgreementIds.New();
        await Outbox.SendAsync(Email(id, "consentreminder-reminder-1"), None);
        time.Advance(TimeSpan.FromMinutes(5));
        await Outbox.SendAsync(Email(id, "consentreminder-reminder-1", subject: "changed"), None);

        var kept = (await Outbox.ListAsync(1000, None)).Where(e => e.Message.AgreementId == id).ToList();

        var email = Assert.Single(kept);
        Assert.Equal("Påmindelse", email.Message.Subject);
        Assert.Equal(SteppingTime.Start, email.SentAt);
        Assert.Equal(["karin@example.dk"], email.Message.To);
        Assert.Equal(["soeren@kommune.example.dk"], email.Message.Cc);
        Assert.Equal("Træf beslutning", Assert.Single(email.Message.Links).Label);
        Assert.Equal("http://localhost:7071/api/escalations/x-esc-m3/decide?token=1.abc", email.Message.Links[0].Url.ToString());
    }

    [Fact]
    public async Task The_newest_come_first_and_erasure_removes_only_that_agreements_emails()
    {
        var first = AgreementIds.New();
        var second = AgreementIds.New();
        await Outbox.SendAsync(Email(first, "a"), None);
        time.Advance(TimeSpan.FromMinutes(1));
        await Outbox.SendAsync(Email(second, "b"), None);

        var listed = (await Outbox.ListAsync(1000, None)).Where(e => e.Message.AgreementId == first || e.Message.AgreementId == second).ToList();
        Assert.Equal([second, first], listed.Select(e => e.Message.AgreementId));

        await Outbox.EraseAsync(first, None);

        var left = (await Outbox.ListAsync(1000, None)).Select(e => e.Message.AgreementId).ToList();
        Assert.DoesNotContain(first, left);
        Assert.Contains(second, left);
    }

    private sealed class SteppingTime : TimeProvider
    {
        public static readonly DateTimeOffset Start = new(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);
        private DateTimeOffset now = Start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}

using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Tests.Notifications;

public sealed class NotificationComposerTests
{
    private static readonly AgreementRecord Agreement = EmailSamples.Agreement;
    private static readonly AgreementPersonalData Parties = EmailSamples.Parties;
    private readonly NotificationComposer composer = EmailSamples.Composer();

    private Task<EmailMessage> ComposeAsync(NotificationRequest request, params Breach[] breaches) =>
        composer.ComposeAsync(new NotificationFacts(request, Agreement, Parties, breaches), CancellationToken.None);

    [Fact]
    public async Task A_consent_reminder_goes_to_the_resident_with_the_caseworker_in_copy_in_danish()
    {
        var email = await ComposeAsync(new NotificationRequest(Agreement.AgreementId, NotificationKind.ConsentReminder, "reminder-2", RespondBy: new DateOnly(2026, 12, 27)));

        Assert.Equal(["karin@example.dk"], email.To);
        Assert.Equal(["soeren@kommune.example.dk"], email.Cc);
        Assert.Equal("consentreminder-reminder-2", email.Id);
        Assert.Contains("15. januar 2027", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("27. december 2026", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Aarhus Kommune", email.TextBody, StringComparison.Ordinal);
        // Names are escaped in HTML.
        Assert.Contains("Karin &lt;b&gt;Testesen&lt;/b&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Testesen", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p>Kære Karin", email.HtmlBody, StringComparison.Ordinal); // Danish letters stay readable
    }

    [Fact]
    public async Task A_resident_without_email_is_reminded_through_the_caseworker()
    {
        var noEmail = Parties with { Resident = Parties.Resident with { Email = null } };

        var email = await composer.ComposeAsync(new NotificationFacts(new NotificationRequest(Agreement.AgreementId, NotificationKind.ConsentReminder, "reminder-1"), Agreement, noEmail, []), CancellationToken.None);

        Assert.Equal(["soeren@kommune.example.dk"], email.To);
        Assert.Empty(email.Cc);
    }

    [Fact]
    public async Task A_financing_request_shows_danish_amounts_and_the_business_case()
    {
        var email = await ComposeAsync(new NotificationRequest(Agreement.AgreementId, NotificationKind.FinancingDecisionRequested, "financing"));

        Assert.Equal(["finans@example.dk"], email.To);
        Assert.Contains("50.000 kr.", email.Subject, StringComparison.Ordinal);
        Assert.Contains("52.500 kr.", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escalation_email_goes_to_the_level_and_carries_a_signed_decision_link()
    {
        var request = new NotificationRequest(
            Agreement.AgreementId, NotificationKind.EscalationRaised, "M12", new DateOnly(2028, 2, 1), Milestone.M12,
            EscalationIds.For(Agreement.AgreementId, "M12"), EscalationReason.IndicatorBelowThreshold, Level: 2);

        var email = await ComposeAsync(request, Breach.ResourceDrawAboveMaximum);

        Assert.Equal(["tilsyn2@example.dk"], email.To);
        Assert.Equal("escalationraised-m12-level-2", email.Id);
        Assert.Contains("Ressourcetrækket er over maksimum.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("niveau 2", email.Subject, StringComparison.Ordinal);
        var link = Assert.Single(email.Links, l => l.Label == "Træf beslutning").Url;
        Assert.Equal("https", link.Scheme);
        Assert.Equal($"/api/escalations/{request.EscalationId}/decide", link.AbsolutePath);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var read = EmailSamples.DecisionLinks().Read(request.EscalationId!, token).Link;
        Assert.NotNull(read);
        Assert.Equal(2, read.Level);
        Assert.Equal(new RecipientKeys(EmailSamples.Secret).KeyOf("tilsyn2@example.dk"), read.RecipientKey);
        Assert.DoesNotContain("tilsyn2", token, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_request_always_gives_the_same_email()
    {
        var request = new NotificationRequest(Agreement.AgreementId, NotificationKind.MoveReminder, "move", new DateOnly(2027, 2, 14));

        Assert.Equivalent(await ComposeAsync(request), await ComposeAsync(request));
    }

    [Fact]
    public async Task Links_start_at_the_public_address_as_it_is_when_the_email_is_written()
    {
        var address = new MovingAddress(new Uri("http://127.0.0.1:5099"), new Uri("https://mobilitet.example.dk"));
        var composer = EmailSamples.Composer(address);
        var request = new NotificationRequest(Agreement.AgreementId, NotificationKind.MoveReminder, "move");

        var first = await composer.ComposeAsync(new NotificationFacts(request, Agreement, Parties, []), CancellationToken.None);
        var second = await composer.ComposeAsync(new NotificationFacts(request, Agreement, Parties, []), CancellationToken.None);

        Assert.Equal(new Uri($"http://127.0.0.1:5099/api/agreements/{Agreement.AgreementId}"), Assert.Single(first.Links).Url);
        Assert.Equal(new Uri($"https://mobilitet.example.dk/api/agreements/{Agreement.AgreementId}"), Assert.Single(second.Links).Url);
    }

    /// <summary>A public address that changes each time it is asked.</summary>
    private sealed class MovingAddress(params Uri[] addresses) : IPublicBaseAddress
    {
        private readonly Queue<Uri> next = new(addresses);

        public ValueTask<Uri> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(next.Dequeue());
    }
}

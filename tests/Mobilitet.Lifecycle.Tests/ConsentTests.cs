using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

public sealed class ConsentDeclinedTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_declined_consent_ends_the_agreement_before_financing()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        await host.StepAsync(id, "consent", Steps.Consent("declined"));

        var declined = await host.WaitForStatusAsync(id, "Declined");
        var kinds = declined.Kinds().ToList();
        Assert.Contains("ConsentDeclined", kinds);
        Assert.DoesNotContain(kinds, kind => kind.StartsWith("Financing", StringComparison.Ordinal));
        Assert.Null(declined["financing"]!["route"]);

        // A final agreement takes no more steps.
        using var late = await host.PostAsync($"/api/agreements/{id}/consent", Steps.Consent("given"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Declined", (await host.GetAsync(id)).Text("status"));
    }
}

public sealed class ConsentExpiryTests(FastDayHost host) : IClassFixture<FastDayHost>
{
    [Fact]
    public async Task Without_consent_the_resident_is_reminded_weekly_and_the_agreement_expires_after_30_days()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60)));

        var expired = await host.WaitForStatusAsync(id, "Expired");

        // standard-v1: reminders on day 7, 14, 21 and 28; expiry on day 30.
        Assert.Equal(4, expired.Kinds().Count(kind => kind == "ConsentReminderSent"));
        Assert.Equal("ConsentExpired", expired.Kinds().Last());
        var emails = await host.WaitForEmailsAsync(id, sent => sent.Count == 5, "four reminders and the expiry notice");
        var reminders = emails.Where(email => email.Is("ConsentReminder")).ToList();
        Assert.Equal(4, reminders.Count);
        Assert.Equal(4, reminders.Select(email => email.NotificationId).Distinct().Count());
        Assert.All(reminders, email =>
        {
            Assert.Equal([AgreementForms.ResidentEmail], email.To);
            Assert.Equal([AgreementForms.CaseworkerEmail], email.Cc);
            Assert.Contains("samtykke", email.Subject, StringComparison.Ordinal);
            Assert.Contains("Kære " + AgreementForms.ResidentName, email.Text, StringComparison.Ordinal);
        });
        var notice = Assert.Single(emails, email => email.Is("ConsentExpired"));
        Assert.Equal([AgreementForms.CaseworkerEmail], notice.To);
    }
}

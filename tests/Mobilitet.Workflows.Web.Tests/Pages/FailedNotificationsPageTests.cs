using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class FailedNotificationsPageTests
{
    private static readonly PageFrame Administrator = new()
    {
        User = Samples.User(roles: Roles.Administrator),
        Navigation = NavigationSections.Agreements | NavigationSections.Audit,
    };

    [Fact]
    public async Task Each_refused_email_shows_when_which_agreement_what_about_and_the_services_answer_in_danish()
    {
        var model = new FailedNotificationsPageModel(
            [
                new FailedNotification("fa-0123456789abcdefghij", "escalationraised-m3-level-1", NotificationKind.EscalationRaised, 401, string.Empty, new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero)),
                new FailedNotification("fa-00000000000000000001", "consentreminder-reminder-1", NotificationKind.ConsentReminder, 400, "personalizations.0.to.0.email", new DateTimeOffset(2027, 3, 1, 8, 5, 0, TimeSpan.Zero)),
            ],
            200);

        var document = await Renderer.PageAsync<FailedNotificationsPage, FailedNotificationsPageModel>(model, Administrator);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Fejlede e-mails – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("Afviste e-mails, nyeste først", document.QuerySelector("caption")!.Text());
        var rows = document.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Skip(1).Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(
            [
                ["fa-0123456789abcdefghij", "Eskalering escalationraised-m3-level-1", "401: nøglen til e-mailtjenesten blev afvist (kontakt driften)", "–"],
                ["fa-00000000000000000001", "Påmindelse om samtykke consentreminder-reminder-1", "400: ugyldig modtager eller ugyldigt indhold", "personalizations.0.to.0.email"],
            ],
            rows);
        Assert.StartsWith("1. marts 2027 kl. 13.30", document.QuerySelector("tbody td[data-title=Tidspunkt]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/aftaler/fa-0123456789abcdefghij", document.QuerySelector("tbody td[data-title=Flytteaftale] a")!.GetAttribute("href"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task Without_refusals_the_page_says_so()
    {
        var document = await Renderer.PageAsync<FailedNotificationsPage, FailedNotificationsPageModel>(new FailedNotificationsPageModel([], 200), Administrator);

        Assert.Equal("Ingen e-mails er afvist.", document.QuerySelector(".empty-state")!.Text());
        Assert.Empty(document.QuerySelectorAll("table"));
    }
}

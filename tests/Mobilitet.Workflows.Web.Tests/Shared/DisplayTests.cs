using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Tests.Shared;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(2027, 3, 1, "1. marts 2027")]
    [InlineData(2026, 12, 24, "24. december 2026")]
    public async Task A_date_reads_as_danes_write_it_in_a_time_element(int year, int month, int day, string text)
    {
        var document = await Renderer.DocumentAsync<DanishDate>(("Date", (DateOnly?)new DateOnly(year, month, day)));

        var time = document.QuerySelector("time")!;
        Assert.Equal(text, time.TextContent);
        Assert.Equal($"{year:0000}-{month:00}-{day:00}", time.GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_point_in_time_is_shown_in_danish_time()
    {
        // 13:05 UTC is 14:05 in Copenhagen in winter; 23:30 UTC on 30 June is already 1 July there.
        var winter = await Renderer.DocumentAsync<DanishDate>(("At", (DateTimeOffset?)new DateTimeOffset(2027, 3, 1, 13, 5, 0, TimeSpan.Zero)), ("ShowTime", true));
        var summer = await Renderer.DocumentAsync<DanishDate>(("At", (DateTimeOffset?)new DateTimeOffset(2027, 6, 30, 23, 30, 0, TimeSpan.Zero)));

        Assert.Equal("1. marts 2027 kl. 14.05", winter.QuerySelector("time")!.TextContent);
        Assert.Equal("1. juli 2027", summer.QuerySelector("time")!.TextContent);
    }

    [Theory]
    [InlineData("40000", "40.000 kr.")]
    [InlineData("1250000", "1.250.000 kr.")]
    [InlineData("0", "0 kr.")]
    public async Task An_amount_reads_as_danish_kroner(string amount, string text)
    {
        var html = await Renderer.HtmlAsync<DanishAmount>(("Value", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(text, html);
    }

    [Fact]
    public async Task A_status_tag_is_a_dkfds_badge_with_its_tone()
    {
        var document = await Renderer.DocumentAsync<StatusTag>(("Text", "Afventer beslutning"), ("Tone", StatusTone.Warning));

        var badge = document.QuerySelector("span.badge")!;
        Assert.Equal("Afventer beslutning", badge.TextContent);
        Assert.Contains("badge-warning", badge.ClassList);
    }

    [Theory]
    [InlineData(EscalationDecision.Acknowledged, "Taget til efterretning")]
    [InlineData(EscalationDecision.FollowUp, "Følges op")]
    [InlineData(EscalationDecision.ExtendMonitoring, "Forlæng opfølgningen")]
    [InlineData(EscalationDecision.Close, "Luk sagen")]
    public async Task Escalation_decisions_have_their_danish_names(EscalationDecision decision, string name)
    {
        Assert.Equal(name, await Renderer.HtmlAsync<EscalationDecisionName>(("Decision", decision)));
    }

    [Theory]
    [InlineData(TimelineKind.EmailSent, "consentreminder-reminder-2", "E-mail er sendt: påmindelse om samtykke")]
    [InlineData(TimelineKind.EmailFailed, "escalationraised-m12-level-2", "E-mail kunne ikke afleveres (se fejlede e-mails): eskalering")]
    [InlineData(TimelineKind.EmailSent, "agreementcompleted-completed", "E-mail er sendt: aftalen er afsluttet (effektopgørelse)")]
    [InlineData(TimelineKind.ConsentReminderSent, "reminder-1", "Påmindelse om samtykke er sendt: påmindelse 1")]
    public async Task An_email_on_the_timeline_says_what_it_was_about(TimelineKind kind, string detail, string text)
    {
        var document = await Renderer.DocumentAsync<TimelineKindText>(("Kind", kind), ("Detail", detail));

        Assert.Equal(text, document.Body!.Text());
    }
}

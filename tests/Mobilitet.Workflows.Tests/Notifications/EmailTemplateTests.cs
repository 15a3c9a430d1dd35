using System.Text.RegularExpressions;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Tests.Notifications;

/// <summary>Every email kind through the composer and the real Razor templates: Danish, links, no CPR number.</summary>
public sealed partial class EmailTemplateTests
{
    private const string ResidentCpr = EmailSamples.ResidentCpr;
    private static readonly AgreementRecord Agreement = EmailSamples.Agreement;
    private static readonly AgreementPersonalData Parties = EmailSamples.Parties;

    private readonly NotificationComposer composer = EmailSamples.Composer();

    private static readonly MeasurementRecord[] Measurements =
    [
        new(Agreement.AgreementId, Milestone.M36, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.35m, 150_000m, 45_000m), DateTimeOffset.UnixEpoch),
        new(Agreement.AgreementId, Milestone.M3, MeasurementOutcome.BelowThreshold, [Breach.ResourceDrawAboveMaximum], new IndicatorValues(0.1m, 240_000m, 20_000m), DateTimeOffset.UnixEpoch),
        new(Agreement.AgreementId, Milestone.M12, MeasurementOutcome.MissingData, [], null, DateTimeOffset.UnixEpoch),
    ];

    public static TheoryData<NotificationKind> Kinds() => new(Enum.GetValues<NotificationKind>());

    private static NotificationRequest RequestFor(NotificationKind kind) => kind switch
    {
        NotificationKind.EscalationRaised or NotificationKind.EscalationMovedUp => new NotificationRequest(
            Agreement.AgreementId, kind, "M12", new DateOnly(2028, 2, 1), Milestone.M12,
            EscalationIds.For(Agreement.AgreementId, "M12"), EscalationReason.IndicatorBelowThreshold, Level: 2),
        NotificationKind.MeasurementDataMissing or NotificationKind.WellBeingCheckIn => new NotificationRequest(Agreement.AgreementId, kind, "m12", new DateOnly(2028, 1, 20), Milestone.M12),
        NotificationKind.FollowUpTaskDue => new NotificationRequest(Agreement.AgreementId, kind, "followup-m12", new DateOnly(2028, 3, 1), Milestone.M12, EscalationReason: EscalationReason.IndicatorBelowThreshold),
        _ => new NotificationRequest(Agreement.AgreementId, kind, "x", new DateOnly(2027, 2, 14)),
    };

    private Task<EmailMessage> ComposeAsync(NotificationKind kind) =>
        composer.ComposeAsync(new NotificationFacts(RequestFor(kind), Agreement, Parties, [Breach.ResourceDrawAboveMaximum], Measurements), CancellationToken.None);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_kind_is_danish_html_and_text_from_one_template_with_its_links_and_no_cpr_number(NotificationKind kind)
    {
        var email = await ComposeAsync(kind);

        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain('\n', email.Subject);
        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"da\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<title>{email.Subject}</title>", email.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("Med venlig hilsen\nMobilitetsenheden", email.TextBody, StringComparison.Ordinal);
        // No markup and no character references: the only "<" is in the resident's name, written as it is.
        Assert.DoesNotContain("<", email.TextBody.Replace("<b>", string.Empty, StringComparison.Ordinal).Replace("</b>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("&", email.TextBody.Replace("&token", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("  ", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.True(email.Links.Count > 0 || kind == NotificationKind.ConsentReminder, "Every email but the resident's consent reminder has a link.");
        foreach (var link in email.Links)
        {
            Assert.Contains($"{link.Label}: {link.Url}", email.TextBody, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"{link.Url.ToString().Replace("&", "&amp;", StringComparison.Ordinal)}\">{link.Label}</a>", email.HtmlBody, StringComparison.Ordinal);
        }

        // Every paragraph of the text is in the HTML too (the same template wrote both).
        var firstParagraph = email.TextBody.Split("\n\n")[0];
        Assert.Contains("<p>" + firstParagraph.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal), email.HtmlBody, StringComparison.Ordinal);

        // CPR-loven § 54: no full CPR number in any part, and no phone number either.
        foreach (var part in new[] { email.Subject, email.TextBody, email.HtmlBody })
        {
            Assert.DoesNotMatch(CprPattern(), part);
            Assert.DoesNotContain(ResidentCpr, part, StringComparison.Ordinal);
            Assert.DoesNotContain("29471183", part, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(NotificationKind.FinancingDecisionRequested)]
    [InlineData(NotificationKind.EscalationRaised)]
    [InlineData(NotificationKind.EscalationMovedUp)]
    public async Task Emails_to_approvers_and_supervisors_do_not_name_the_resident(NotificationKind kind)
    {
        var email = await ComposeAsync(kind);

        Assert.DoesNotContain("Testesen", email.TextBody + email.HtmlBody + email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("karin@example.dk", email.TextBody + email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_body_reads_as_paragraphs_with_the_name_as_written()
    {
        var email = await ComposeAsync(NotificationKind.ConsentReminder);

        Assert.StartsWith(
            "Kære Karin <b>Testesen</b>\n\nVi har endnu ikke modtaget dit samtykke til flytteaftalen (Brabrand Boligforening, Aarhus Kommune) med planlagt flytning den 15. januar 2027.\n\n"
            + "Aftalen bortfalder, hvis vi ikke har dit samtykke senest den 14. februar 2027.\n\n",
            email.TextBody,
            StringComparison.Ordinal);
        Assert.Equal("Påmindelse: Vi mangler dit samtykke til flytteaftalen", email.Subject);
    }

    [Fact]
    public async Task An_escalation_that_moved_up_tells_the_level_below_without_a_decision_link()
    {
        var email = await ComposeAsync(NotificationKind.EscalationMovedUp);

        Assert.Equal(["tilsyn1@example.dk"], email.To);
        Assert.Equal("escalationmovedup-m12-level-2", email.Id);
        Assert.Equal("Eskalering sendt videre til niveau 2: 12-måneders-målingen ligger under tærsklen – flytteaftale fa-0123456789abcdef0123", email.Subject);
        Assert.Contains("sendt videre til niveau 2, fordi der ikke blev truffet en beslutning på niveau 1", email.TextBody, StringComparison.Ordinal);
        Assert.Equal("Åbn flytteaftalen", Assert.Single(email.Links).Label);
    }

    [Fact]
    public async Task An_escalation_names_the_reason_and_the_breaches_once_worded()
    {
        var email = await ComposeAsync(NotificationKind.EscalationRaised);

        Assert.Equal(["tilsyn2@example.dk"], email.To);
        Assert.Equal("Eskalering (niveau 2): 12-måneders-målingen ligger under tærsklen – flytteaftale fa-0123456789abcdef0123", email.Subject);
        Assert.Contains("Årsag: 12-måneders-målingen ligger under tærsklen.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("• Ressourcetrækket er over maksimum.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<li>Ressourcetrækket er over maksimum.</li>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(["Træf beslutning", "Åbn flytteaftalen"], email.Links.Select(link => link.Label));
    }

    [Fact]
    public async Task A_completed_agreement_sums_up_each_measurement_against_the_baseline()
    {
        var email = await ComposeAsync(NotificationKind.AgreementCompleted);

        Assert.Equal(["soeren@kommune.example.dk"], email.To);
        Assert.Equal("Flytteaftale fa-0123456789abcdef0123 er afsluttet – effektopgørelse", email.Subject);
        Assert.Contains("Udgangspunkt (de 12 måneder før aftalen): selvforsørgelsesgrad 0,20, ressourcetræk 200.000 kr. om året, nettobidrag -170.000 kr. om året.", email.TextBody, StringComparison.Ordinal);
        var lines = email.TextBody.Split('\n').Where(line => line.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("• 3-måneders-målingen (under tærsklen): selvforsørgelsesgrad 0,10 (−0,10 i forhold til udgangspunktet), ressourcetræk 240.000 kr. (+40.000 kr. i forhold til udgangspunktet)", lines[0], StringComparison.Ordinal);
        Assert.Equal("• 12-måneders-målingen (mangler data)", lines[1]);
        Assert.Equal("• 36-måneders-målingen (på sporet): selvforsørgelsesgrad 0,35 (+0,15 i forhold til udgangspunktet), ressourcetræk 150.000 kr. (−50.000 kr. i forhold til udgangspunktet), nettobidrag -105.000 kr. (+65.000 kr. i forhold til udgangspunktet)", lines[2]);
    }

    [Fact]
    public async Task A_follow_up_task_goes_to_the_caseworker_with_its_due_date()
    {
        var email = await ComposeAsync(NotificationKind.FollowUpTaskDue);

        Assert.Equal(["soeren@kommune.example.dk"], email.To);
        Assert.Equal("Opfølgning: flytteaftale fa-0123456789abcdef0123 – frist den 1. marts 2028", email.Subject);
        Assert.Contains("Årsag: 12-måneders-målingen ligger under tærsklen.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Markér den som udført senest den 1. marts 2028; derefter går sagen videre til tilsynet igen.", email.TextBody, StringComparison.Ordinal);
    }

    /// <summary>Ten digits, or six, a dash and four, standing alone (not inside an id such as "fa-0123456789abcdef").</summary>
    [GeneratedRegex(@"(?<![\w-])\d{6}-?\d{4}(?![\w])")]
    private static partial Regex CprPattern();
}

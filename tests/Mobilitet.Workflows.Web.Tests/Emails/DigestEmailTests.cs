using Mobilitet.Workflows.Digests;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Emails;

namespace Mobilitet.Workflows.Web.Tests.Emails;

/// <summary>The digest email: overdue first in both parts, each item linked, Danish dates, nothing written as markup.</summary>
public sealed class DigestEmailTests
{
    private static readonly DigestEmailModel Model = new(
        new DateOnly(2026, 12, 1),
        [
            Item("fa-00000000000000000001", TaskKind.MoveToRecord, new DateOnly(2026, 11, 28), overdue: true),
            Item("fa-00000000000000000002", TaskKind.MeasurementDataMissing, new DateOnly(2026, 12, 3), overdue: false, Milestone.M12),
            Item("fa-00000000000000000003", TaskKind.EscalationToDecide, new DateOnly(2026, 12, 4), overdue: false, level: 2),
        ],
        new Uri("https://mobilitet.example.dk/"));

    [Fact]
    public async Task The_html_lists_the_overdue_items_first_each_linked_with_its_agreement_municipality_and_danish_deadline()
    {
        var document = await Renderer.DocumentAsync<DigestEmail>((nameof(DigestEmail.Model), Model));

        Assert.Equal("da", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["Overskredet", "Venter på dig"], document.QuerySelectorAll("h2").Select(heading => heading.Text()));
        var items = document.QuerySelectorAll("li").ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("Registrér flytningen", items[0].QuerySelector("a")!.Text());
        Assert.Equal("https://mobilitet.example.dk/aftaler/fa-00000000000000000001", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Flytteaftale fa-00000000000000000001, Aarhus Kommune – frist 28. november 2026", items[0].Text(), StringComparison.Ordinal);
        Assert.Equal("Indberet data til 12-måneders-målingen", items[1].QuerySelector("a")!.Text());
        Assert.Equal("Træf beslutning om en eskalering (niveau 2)", items[2].QuerySelector("a")!.Text());
        Assert.Equal("https://mobilitet.example.dk/", document.QuerySelectorAll("a")[^1].GetAttribute("href"));
        Assert.Equal("Dine opgaver 1. december 2026: 3 venter, 1 overskredet", Model.Subject);
    }

    private static readonly string[] TextInOrder =
        ["Overskredet", "Registrér flytningen", "Venter på dig", "Indberet data til 12-måneders-målingen", "Træf beslutning om en eskalering (niveau 2)", "Mine opgaver"];

    [Fact]
    public void The_plain_text_has_the_same_items_in_the_same_order_with_their_links()
    {
        var text = Model.ToText();

        var order = TextInOrder
            .Select(part => text.IndexOf(part, StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("https://mobilitet.example.dk/aftaler/fa-00000000000000000002", text, StringComparison.Ordinal);
        Assert.EndsWith("Med venlig hilsen\nMobilitetsenheden", text, StringComparison.Ordinal);
    }

    private static DigestEmailItem Item(string agreementId, TaskKind kind, DateOnly due, bool overdue, Milestone? milestone = null, int? level = null) =>
        new(
            new DigestItem(agreementId, "0751", kind, milestone, level, due.ToDateTime(TimeOnly.MinValue), due, overdue),
            new Uri($"https://mobilitet.example.dk/aftaler/{agreementId}"));
}

using System.Text;
using Mobilitet.Workflows.Digests;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Emails;

/// <summary>
/// What the daily digest email shows (<see cref="DigestEmail"/> renders the HTML, <see cref="ToText"/> the plain text):
/// the person's waiting items, overdue first, each with its link into the web UI, and a link to "Mine opgaver". Every
/// Danish wording of the digest is here, used by both forms.
/// </summary>
public sealed record DigestEmailModel(DateOnly Day, IReadOnlyList<DigestEmailItem> Items, Uri TasksUrl)
{
    public const string Greeting = "Goddag";
    public const string OverdueHeading = "Overskredet";
    public const string WaitingHeading = "Venter på dig";
    public const string TasksLinkText = "Se alle dine opgaver i Mine opgaver";
    public const string Signature = "Med venlig hilsen\nMobilitetsenheden";

    public IReadOnlyList<DigestEmailItem> Overdue => Items.Where(item => item.Item.IsOverdue).ToList();

    public IReadOnlyList<DigestEmailItem> Waiting => Items.Where(item => !item.Item.IsOverdue).ToList();

    public string Subject => $"Dine opgaver {DanishFormat.Date(Day)}: {Count(Items.Count, "venter", "venter")}" +
        (Overdue.Count > 0 ? $", {Overdue.Count} overskredet" : string.Empty);

    public string Intro => $"Her er, hvad der venter på dig i flytteaftalerne i dag ({DanishFormat.Date(Day)}). Det, der er overskredet, står først.";

    public static string Title(DigestEmailItem item) => TaskKindName.Text(item.Item.Kind, item.Item.Milestone) +
        (item.Item.Level is { } level && item.Item.Kind == Tasks.TaskKind.EscalationToDecide ? $" (niveau {level})" : string.Empty);

    public static string Details(DigestEmailItem item) =>
        $"Flytteaftale {item.Item.AgreementId}, {MunicipalityRegistry.NameOf(item.Item.MunicipalityCode)} Kommune – frist {DanishFormat.Date(item.Item.DueDate)}";

    /// <summary>The plain-text part of the email, in the same order and wording as the HTML part.</summary>
    public string ToText()
    {
        var text = new StringBuilder().Append(Greeting).Append("\n\n").Append(Intro).Append("\n\n");
        foreach (var (heading, items) in new[] { (OverdueHeading, Overdue), (WaitingHeading, Waiting) }.Where(section => section.Item2.Count > 0))
        {
            text.Append(heading).Append('\n');
            foreach (var item in items)
            {
                text.Append("• ").Append(Title(item)).Append('\n').Append("  ").Append(Details(item)).Append('\n').Append("  ").Append(item.Url).Append('\n');
            }

            text.Append('\n');
        }

        return text.Append(TasksLinkText).Append(": ").Append(TasksUrl).Append("\n\n").Append(Signature).ToString();
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}

/// <summary>One waiting item and its link into the web UI (the agreement's page).</summary>
public sealed record DigestEmailItem(DigestItem Item, Uri Url);

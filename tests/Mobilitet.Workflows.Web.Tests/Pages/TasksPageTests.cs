using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class TasksPageTests
{
    private static readonly PageFrame Caseworker = new()
    {
        User = Samples.User(roles: [Roles.Caseworker, Roles.Supervisor, Roles.FinanceApprover]),
        Navigation = NavigationSections.MyTasks | NavigationSections.Agreements,
    };

    private static CaseTask Task(TaskKind kind, DateOnly due, Milestone? milestone = null, string? escalationId = null, int? level = null) => new()
    {
        AgreementId = "fa-0123456789abcdefghij",
        MunicipalityCode = "0751",
        Kind = kind,
        Role = kind.Role(),
        DueAt = new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        DueDate = due,
        OpenedAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Milestone = milestone,
        EscalationId = escalationId,
        Level = level,
    };

    [Fact]
    public async Task Each_task_shows_its_danish_kind_agreement_municipality_due_date_and_where_to_do_it_overdue_ones_marked()
    {
        var model = new TasksPageModel
        {
            HasTaskRoles = true,
            Tasks =
            [
                new(Task(TaskKind.MoveToRecord, new DateOnly(2027, 3, 1)), "Aarhus", IsOverdue: true),
                new(Task(TaskKind.FinancingToDecide, new DateOnly(2027, 3, 10)), "Aarhus", IsOverdue: false),
                new(Task(TaskKind.EscalationToDecide, new DateOnly(2027, 3, 12), escalationId: "fa-0123456789abcdefghij-esc-move", level: 2), "Aarhus", IsOverdue: false),
                new(Task(TaskKind.MeasurementDataMissing, new DateOnly(2027, 6, 1), milestone: Milestone.M3), "Aarhus", IsOverdue: false),
                new(Task(TaskKind.ConsentToRecord, new DateOnly(2027, 7, 1)), "Aarhus", IsOverdue: false),
            ],
        };

        var document = await Renderer.PageAsync<TasksPage, TasksPageModel>(model, Caseworker);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Mine opgaver – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/']")!.GetAttribute("aria-current"));
        var rows = document.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(
            [
                ["Registrér flytningen", "fa-0123456789abcdefghij", "Aarhus", "1. marts 2027 Overskredet", "Åbn aftalen fa-0123456789abcdefghij"],
                ["Afgør ansøgning om finansiering", "fa-0123456789abcdefghij", "Aarhus", "10. marts 2027", "Afgør finansieringen af fa-0123456789abcdefghij"],
                ["Træf beslutning om en eskalering (niveau 2)", "fa-0123456789abcdefghij", "Aarhus", "12. marts 2027", "Træf beslutning om eskaleringen af fa-0123456789abcdefghij"],
                ["Indberet data til 3-måneders-målingen", "fa-0123456789abcdefghij", "Aarhus", "1. juni 2027", "Åbn aftalen fa-0123456789abcdefghij"],
                ["Registrér beboerens samtykke", "fa-0123456789abcdefghij", "Aarhus", "1. juli 2027", "Åbn aftalen fa-0123456789abcdefghij"],
            ],
            rows);
        Assert.Equal("badge badge-error", document.QuerySelector("tbody tr.row-overdue .badge")!.ClassName);
        Assert.Single(document.QuerySelectorAll("tbody tr.row-overdue"));
        Assert.All(document.QuerySelectorAll("tbody td[data-title=Flytteaftale] a"), link => Assert.Equal("/aftaler/fa-0123456789abcdefghij", link.GetAttribute("href")));
        Assert.Equal(
            ["/aftaler/fa-0123456789abcdefghij", "/finansiering#finansiering-fa-0123456789abcdefghij", "/eskaleringer#eskalering-fa-0123456789abcdefghij-esc-move"],
            document.QuerySelectorAll("tbody td[data-title=Handling] a").Select(a => a.GetAttribute("href")!).Distinct());
        Assert.Empty(document.QuerySelectorAll("nav.pager"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_follow_up_task_is_marked_done_with_a_plain_form_button_and_a_refusal_is_shown_above_the_list()
    {
        const string escalationId = "fa-0123456789abcdefghij-esc-m3";
        var frame = Caseworker with { Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "form-token") };
        var model = new TasksPageModel
        {
            HasTaskRoles = true,
            Tasks = [new(Task(TaskKind.FollowUp, new DateOnly(2027, 3, 15), Milestone.M3, escalationId), "Aarhus", IsOverdue: false)],
            Refusal = new ListRefusal(escalationId, "Der er ingen åben opfølgningsopgave på eskaleringen."),
        };

        var document = await Renderer.PageAsync<TasksPage, TasksPageModel>(model, frame);

        var cells = document.QuerySelectorAll("tbody tr td").Select(cell => cell.Text()).ToList();
        Assert.Equal(["Følg op på en eskalering", "fa-0123456789abcdefghij", "Aarhus", "15. marts 2027", "Markér som udført for opfølgningen på fa-0123456789abcdefghij"], cells);
        var form = document.QuerySelector("tbody td[data-title=Handling] form")!;
        Assert.Equal(("post", "/opgaver/opfoelgning/fa-0123456789abcdefghij-esc-m3/udfoert"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("form-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal("submit", form.QuerySelector("button")!.GetAttribute("type"));
        Assert.Contains("Der er ingen åben opfølgningsopgave", document.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task More_tasks_than_a_page_link_to_the_next_page_and_a_later_page_back_to_the_first()
    {
        var model = new TasksPageModel
        {
            HasTaskRoles = true,
            Tasks = [new(Task(TaskKind.ConsentToRecord, new DateOnly(2027, 7, 1)), "Aarhus", IsOverdue: false)],
            NextPagePath = "/?side=abc",
            FirstPagePath = "/",
        };

        var document = await Renderer.PageAsync<TasksPage, TasksPageModel>(model, Caseworker);

        var links = document.QuerySelectorAll("nav.pager a").Select(a => (a.Text(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Første side", "/"), ("Næste side", "/?side=abc")], links);
        Assert.Equal("Sider med opgaver", document.QuerySelector("nav.pager")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Without_open_tasks_the_page_says_so()
    {
        var document = await Renderer.PageAsync<TasksPage, TasksPageModel>(new TasksPageModel { HasTaskRoles = true, Tasks = [] }, Caseworker);

        Assert.Equal("Du har ingen åbne opgaver lige nu.", document.QuerySelector(".empty-state")!.Text());
        Assert.Empty(document.QuerySelectorAll("table"));
    }

    [Fact]
    public async Task Someone_whose_roles_have_no_tasks_is_told_where_to_go_instead()
    {
        var monitoring = new PageFrame { User = Samples.User(roles: Roles.Monitoring), Navigation = NavigationSections.Agreements | NavigationSections.Effects };
        var administrator = new PageFrame { User = Samples.User(roles: Roles.Administrator), Navigation = NavigationSections.Agreements | NavigationSections.Effects | NavigationSections.Audit };

        var forMonitoring = await Renderer.PageAsync<TasksPage, TasksPageModel>(new TasksPageModel { HasTaskRoles = false, Tasks = [] }, monitoring);
        var forAdministrator = await Renderer.PageAsync<TasksPage, TasksPageModel>(new TasksPageModel { HasTaskRoles = false, Tasks = [] }, administrator);

        Assert.Contains("Dine roller har ingen opgaver", forMonitoring.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["/aftaler", "/effekt"], forMonitoring.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/aftaler", "/effekt", "/revision", "/fejlede-emails"], forAdministrator.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")));
        Assert.Empty(forAdministrator.QuerySelectorAll("table, .empty-state"));
    }
}

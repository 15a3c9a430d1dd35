using System.Net;
using IDocument = AngleSharp.Dom.IDocument;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>A policy day of one real day: no durable timer fires during a test, so nothing a page shows changes under it.</summary>
public sealed class RealDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromDays(1);
}

/// <summary>
/// Mine opgaver, Aftaler, Finansiering and Revision over HTTP on the real engine: status codes, the Danish texts,
/// who sees what (a municipality's people see its rows only, the monitoring unit every municipality and no
/// personal data, each list only for its role), paging by key, and decisions from the list — a refused one
/// changes nothing. Lists read from stored rows use municipalities no other test here writes to.
/// </summary>
public sealed class ListPagesTests(RealDayHost host) : IClassFixture<RealDayHost>
{
    private static readonly string OdenseCaseworker = TestIdentities.Person("cw-odense", [Roles.Caseworker], "0461");
    private static readonly string EsbjergCaseworker = TestIdentities.Person("cw-esbjerg", [Roles.Caseworker], "0561");
    private static readonly string EsbjergApprover = TestIdentities.Person("fa-esbjerg", [Roles.FinanceApprover], "0561");
    private static readonly string CopenhagenApprover = TestIdentities.Person("fa-kbh", [Roles.FinanceApprover], "0101");
    private static readonly string Administrator = TestIdentities.Person("admin-1", [Roles.Administrator]);

    [Fact]
    public async Task Mine_opgaver_lists_the_persons_own_tasks_overdue_first_with_danish_due_dates()
    {
        var today = AgreementForms.Today;
        var now = DateTimeOffset.UtcNow;
        var (move, data, consent, financing, copenhagen) = (AgreementIds.New(), AgreementIds.New(), AgreementIds.New(), AgreementIds.New(), AgreementIds.New());
        var board = host.Services.GetRequiredService<ITaskBoard>();
        await board.OpenAsync(Task(consent, "0561", TaskKind.ConsentToRecord, now.AddDays(10), today.AddDays(10)), CancellationToken.None);
        await board.OpenAsync(Task(move, "0561", TaskKind.MoveToRecord, now.AddHours(-2), today), CancellationToken.None);
        await board.OpenAsync(Task(data, "0561", TaskKind.MeasurementDataMissing, now.AddDays(3), today.AddDays(3), Milestone.M3), CancellationToken.None);
        await board.OpenAsync(Task(financing, "0561", TaskKind.FinancingToDecide, now.AddDays(5), today.AddDays(5)), CancellationToken.None);
        await board.OpenAsync(Task(copenhagen, "0101", TaskKind.ConsentToRecord, now.AddDays(1), today.AddDays(1)), CancellationToken.None);

        var (status, page) = await GetAsync(EsbjergCaseworker, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Mine opgaver", page.QuerySelector("h1")!.Text());
        Assert.Equal(
            [
                ["Registrér flytningen", move, "Esbjerg", DanishFormat.Date(today) + " Overskredet"],
                ["Indberet data til 3-måneders-målingen", data, "Esbjerg", DanishFormat.Date(today.AddDays(3))],
                ["Registrér beboerens samtykke", consent, "Esbjerg", DanishFormat.Date(today.AddDays(10))],
            ],
            Rows(page).Select(cells => cells.Take(4).ToList()));
        Assert.Single(page.QuerySelectorAll("tbody tr.row-overdue"));

        // The finance approver sees the financing decision and where to take it; the other municipality's caseworker none of these.
        var (_, forApprover) = await GetAsync(EsbjergApprover, "/");
        Assert.Equal([financing], Rows(forApprover).Select(cells => cells[1]));
        Assert.Equal($"/finansiering#finansiering-{financing}", forApprover.QuerySelector("td[data-title=Handling] a")!.GetAttribute("href"));
        var (_, forCopenhagen) = await GetAsync(PageForms.CopenhagenCaseworker, "/");
        Assert.Contains(copenhagen, Rows(forCopenhagen).Select(cells => cells[1]));
        Assert.DoesNotContain(Rows(forCopenhagen), cells => new[] { move, data, consent, financing }.Contains(cells[1]));

        var (monitoringStatus, forMonitoring) = await GetAsync(PageForms.Monitoring, "/");
        Assert.Equal(HttpStatusCode.OK, monitoringStatus);
        Assert.StartsWith("Dine roller har ingen opgaver", forMonitoring.QuerySelector("main p")!.Text(), StringComparison.Ordinal);
        Assert.Empty(forMonitoring.QuerySelectorAll("table"));

        var (damaged, invalid) = await GetAsync(EsbjergCaseworker, "/?side=ikke-et-token");
        Assert.Equal(HttpStatusCode.BadRequest, damaged);
        Assert.Contains("Linket til siden er ugyldigt", invalid.Body!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aftaler_is_sorted_by_next_due_date_filtered_searched_and_paged_within_what_the_person_may_read()
    {
        // 27 agreements in Odense (two pages of 25), moving out of Vollsmose or Bispehaven; one overdue task on the sixth.
        var today = AgreementForms.Today;
        var odense = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            var n = i;
            odense.Add(await host.StoreWithoutOrchestrationAsync(agreement => agreement with
            {
                MunicipalityCode = "0461",
                FromArea = n % 9 == 0 ? "Bispehaven" : "Vollsmose",
                Status = AgreementStatus.AwaitingMove, // never AwaitingConsent: the repair job would start a workflow for it
                PlannedMoveDate = today.AddDays(40 + n),
                DayLength = TimeSpan.FromDays(1),
                CaseworkerId = n % 2 == 0 ? "cw-odense" : "cw-other",
                OpenTaskCount = n == 5 ? 1 : 0,
                EarliestTaskDueAt = n == 5 ? DateTimeOffset.UtcNow.AddHours(-1) : null,
            }));
        }

        var copenhagen = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { MunicipalityCode = "0101", Status = AgreementStatus.AwaitingMove, DayLength = TimeSpan.FromDays(1) });
        var byDueDate = new[] { odense[5] }.Concat(odense.Where((_, i) => i != 5)).ToList();

        using var caseworker = new PageClient(host.Api.BaseAddress!, OdenseCaseworker);
        var (status, first) = await GetAsync(caseworker, "/aftaler");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Aftaler", first.QuerySelector("h1")!.Text());
        Assert.Equal(byDueDate.Take(25), Rows(first).Select(cells => cells[0]));
        Assert.Equal([odense[5], "Odense", "Vollsmose", "Afventer flytning"], Rows(first)[0].Take(4));
        Assert.Contains("Overskredet", Rows(first)[0][4], StringComparison.Ordinal);
        Assert.Equal("Ja", Rows(first)[0][5]);
        Assert.Equal([odense[0], "Odense", "Bispehaven", "Afventer flytning", DanishFormat.Date(today.AddDays(40)), "Nej"], Rows(first)[1]);
        Assert.Equal("Viser 25 aftaler, sorteret efter næste frist.", first.QuerySelector(".result-count")!.Text());

        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await GetAsync(caseworker, next);
        Assert.Equal(byDueDate.Skip(25), Rows(second).Select(cells => cells[0]));
        Assert.Equal("/aftaler", second.QuerySelectorAll("nav.pager a").Single(a => a.Text() == "Første side").GetAttribute("href"));
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));

        // Each filter and the search, as the GET form sends them.
        Assert.Equal([odense[0], odense[9], odense[18]], Rows((await GetAsync(caseworker, "/aftaler?omraade=Bispehaven")).Page).Select(cells => cells[0]));
        Assert.Equal([odense[0], odense[9], odense[18]], Rows((await GetAsync(caseworker, "/aftaler?soeg=bispehaven")).Page).Select(cells => cells[0]));
        Assert.Equal([odense[7]], Rows((await GetAsync(caseworker, "/aftaler?soeg=" + odense[7].ToUpperInvariant())).Page).Select(cells => cells[0]));
        Assert.Equal([odense[5]], Rows((await GetAsync(caseworker, "/aftaler?handling=ja")).Page).Select(cells => cells[0]));
        Assert.Equal(odense.Where((_, i) => i % 2 == 0), Rows((await GetAsync(caseworker, "/aftaler?sagsbehandler=mine&kommune=0461")).Page).Select(cells => cells[0]));
        var (_, none) = await GetAsync(caseworker, "/aftaler?status=Monitoring");
        Assert.Equal("Ingen aftaler passer til filtrene.", none.QuerySelector(".empty-state")!.Text());
        Assert.Equal("Nulstil filtre", none.QuerySelector(".filter-actions a")!.Text());

        var (badStatus, bad) = await GetAsync(caseworker, "/aftaler?status=Hemmelig");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("Fejl: Vælg en status fra listen.", bad.GetElementById("field-status-error")!.Text());
        Assert.Equal("#field-status", bad.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(caseworker, "/aftaler?side=ikke-et-token")).Status);

        // Another municipality: the 403 page, nothing of it shown; its own people see only theirs.
        var (forbidden, refusal) = await GetAsync(caseworker, "/aftaler?kommune=0101");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Contains("Du har ikke adgang", refusal.Body!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(copenhagen, refusal.Body!.Text(), StringComparison.Ordinal);
        var (_, forCopenhagen) = await GetAsync(PageForms.CopenhagenCaseworker, "/aftaler");
        Assert.Contains(copenhagen, Rows(forCopenhagen).Select(cells => cells[0]));
        Assert.DoesNotContain(Rows(forCopenhagen), cells => odense.Contains(cells[0]));

        // The monitoring unit reads every municipality, never personal data.
        foreach (var (query, expected) in new[] { ("/aftaler?kommune=0461", odense[5]), ("/aftaler?kommune=0101", copenhagen), ("/aftaler", copenhagen) })
        {
            var (monitoringStatus, forMonitoring) = await GetAsync(PageForms.Monitoring, query);
            Assert.Equal(HttpStatusCode.OK, monitoringStatus);
            Assert.Contains(expected, Rows(forMonitoring).Select(cells => cells[0]));
            AssertNoPersonalData(forMonitoring);
        }
    }

    [Fact]
    public async Task Finansiering_shows_the_request_with_its_business_case_refuses_too_much_and_records_a_rejection_with_its_reason_in_the_vault()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var task = Assert.Single(
            await host.WaitForTasksAsync(id, tasks => tasks.Any(t => t.Kind == TaskKind.FinancingToDecide), "the financing request on the board"),
            t => t.Kind == TaskKind.FinancingToDecide);
        using var approver = new PageClient(host.Api.BaseAddress!, PageForms.AarhusFinanceApprover);
        var list = "/finansiering";
        var action = $"/finansiering/{id}/afgoerelse";

        var (status, page) = await GetAsync(approver, list);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Finansiering", page.QuerySelector("h1")!.Text());
        var request = page.GetElementById($"finansiering-{id}")!;
        var facts = request.QuerySelector("dl.facts")!.Text();
        Assert.Contains("Kommune Aarhus", facts, StringComparison.Ordinal);
        Assert.Contains("Boligområde Gellerupparken", facts, StringComparison.Ordinal);
        Assert.Contains("Frist for afgørelse " + DanishFormat.Date(task.DueDate), facts, StringComparison.Ordinal);
        Assert.Contains("Ansøgt beløb 50.000 kr.", facts, StringComparison.Ordinal);
        Assert.Contains(
            "Forventet offentlig gevinst over 36 måneder | 52.500 kr.",
            request.QuerySelectorAll("table.business-case tr").Select(row => string.Join(" | ", row.Children.Select(cell => cell.Text()))));
        Assert.Equal("50.000", page.GetElementById($"field-{id}-approvedDkk")!.GetAttribute("value"));
        AssertNoPersonalData(page);

        // Not a finance approver, or one of another municipality: the 403 page, and a post of theirs changes nothing.
        foreach (var other in new[] { PageForms.AarhusCaseworker, PageForms.Monitoring })
        {
            var (forbidden, refusal) = await GetAsync(other, list);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden);
            Assert.Contains("Finansiering afgøres af bevillingsansvarlige.", refusal.Body!.Text(), StringComparison.Ordinal);
        }

        using var copenhagen = new PageClient(host.Api.BaseAddress!, CopenhagenApprover);
        var (_, forCopenhagen) = await GetAsync(copenhagen, list);
        Assert.Null(forCopenhagen.GetElementById($"finansiering-{id}"));
        // Their list offers no form to take the antiforgery token from.
        using var refused = await copenhagen.SubmitAsync("/log-ind", action, ("decision", "approved"), ("approvedDkk", "50.000"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Du har ikke adgang", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        using var byCaseworker = await caseworker.SubmitAsync("/log-ind", action, ("decision", "approved"));
        Assert.Equal(HttpStatusCode.Forbidden, byCaseworker.StatusCode);
        await AssertNoFinancingDecisionAsync(id);

        // More than requested, or not a number: the errors by the field and in the summary, the amount as typed, nothing recorded.
        using var tooMuch = await approver.SubmitAsync(list, action, ("decision", "approved"), ("approvedDkk", "60.000"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var errors = PageForms.Parse(await tooMuch.Content.ReadAsStringAsync());
        Assert.StartsWith("Fejl:", errors.Title, StringComparison.Ordinal);
        Assert.Equal("Fejl: Det godkendte beløb må ikke overstige det ansøgte beløb.", errors.GetElementById($"field-{id}-approvedDkk-error")!.Text());
        Assert.Equal($"#field-{id}-approvedDkk", errors.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("60.000", errors.GetElementById($"field-{id}-approvedDkk")!.GetAttribute("value"));
        using var notANumber = await approver.SubmitAsync(list, action, ("decision", "approved"), ("approvedDkk", "mange"));
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal("Fejl: Skriv et tal, fx 40.000 eller 0,5.", PageForms.Parse(await notANumber.Content.ReadAsStringAsync()).GetElementById($"field-{id}-approvedDkk-error")!.Text());
        await AssertNoFinancingDecisionAsync(id);
        Assert.Equal("AwaitingFinancing", (await host.GetAsync(id)).Text("status"));

        // The rejection with its reason: back to the list with a message; the reason in the vault, never in the workflow or the logs.
        const string reason = "Beboeren har fået indskud af kommunen.";
        using var rejected = await approver.SubmitAsync(list, action, ("decision", "rejected"), ("reason", reason));
        Assert.Equal(list, rejected.Headers.Location?.OriginalString);
        var after = PageForms.Parse(await approver.FollowAsync(rejected));
        Assert.Equal("Tak. Afslaget på finansieringen er registreret.", after.QuerySelector("[role=status]")!.Text());
        Assert.Null(after.GetElementById($"finansiering-{id}"));
        await host.WaitForStatusAsync(id, "Rejected");
        Assert.Equal(reason, (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.FinancingDecisionReason);
        Assert.DoesNotContain("indskud af kommunen", string.Join('\n', host.EnginePayloads.Payloads), StringComparison.Ordinal);
        Assert.DoesNotContain("indskud af kommunen", string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
    }

    [Fact]
    public async Task Revision_shows_administrators_who_saw_personal_data_and_refuses_everyone_else()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60)));
        var (viewed, _) = await GetAsync(PageForms.AarhusCaseworker, $"/aftaler/{id}"); // the personal data is shown, and the view audited
        Assert.Equal(HttpStatusCode.OK, viewed);

        var (status, page) = await GetAsync(Administrator, "/revision");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Revision", page.QuerySelector("h1")!.Text());
        var row = Assert.Single(Rows(page), cells => cells[4] == id && cells[3] == "Så aftalens personoplysninger"); // its creation is audited too
        Assert.Equal(["cw-aarhus", "Sagsbehandler"], row.Skip(1).Take(2));
        Assert.Equal("Hændelser " + DanishFormat.Date(AgreementForms.Today) + ", nyeste først", page.QuerySelector("caption")!.Text());
        AssertNoPersonalData(page);

        var (badDay, bad) = await GetAsync(Administrator, "/revision?dato=2027-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, badDay);
        Assert.NotNull(bad.GetElementById("field-dato-error"));
        Assert.Equal("2027-02-30", bad.GetElementById("field-dato")!.GetAttribute("value"));

        foreach (var other in new[] { PageForms.AarhusCaseworker, PageForms.Monitoring, PageForms.AarhusFinanceApprover })
        {
            var (forbidden, refusal) = await GetAsync(other, "/revision");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden);
            Assert.Contains("Revisionsloggen kan kun ses af administratorer.", refusal.Body!.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain(id, refusal.Body!.Text(), StringComparison.Ordinal);
        }

        // The administrator decides nothing: the decision lists are not theirs.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(Administrator, "/finansiering")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(Administrator, "/eskaleringer")).Status);

        // Nobody signed in: the local host's development sign-in, which comes back to the page.
        using var anonymous = new PageClient(host.Api.BaseAddress!);
        foreach (var path in new[] { "/", "/aftaler", "/finansiering", "/eskaleringer", "/revision" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/log-ind?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location?.OriginalString);
        }
    }

    private static CaseTask Task(string agreementId, string municipality, TaskKind kind, DateTimeOffset dueAt, DateOnly dueDate, Milestone? milestone = null) => new()
    {
        AgreementId = agreementId,
        MunicipalityCode = municipality,
        Kind = kind,
        Role = kind.Role(),
        DueAt = dueAt,
        DueDate = dueDate,
        OpenedAt = DateTimeOffset.UtcNow,
        Milestone = milestone,
    };

    [Fact]
    public async Task The_agreements_api_pages_by_key_when_asked_and_lists_everything_otherwise()
    {
        // Aalborg: no other test here writes to it. Five agreements, due one day apart.
        var today = AgreementForms.Today;
        var aalborg = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var n = i;
            aalborg.Add(await host.StoreWithoutOrchestrationAsync(agreement => agreement with
            {
                MunicipalityCode = "0851",
                Status = AgreementStatus.AwaitingMove,
                PlannedMoveDate = today.AddDays(40 + n),
                DayLength = TimeSpan.FromDays(1),
            }));
        }

        using var api = new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(TestIdentities.Person("cw-aalborg", [Roles.Caseworker], "0851"));
        var paged = new List<string>();
        var next = "/api/agreements?municipality=0851&pageSize=2";
        var pages = 0;
        while (next is not null)
        {
            using var response = await api.GetAsync(new Uri(next, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.InRange(rows.Count, 0, 2);
            paged.AddRange(rows.Select(row => row.Text("agreementId")));
            next = response.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(links.Single(), "^<(?<url>[^>]+)>; rel=\"next\"$").Groups["url"].Value
                : null;
            Assert.True(++pages <= 4, "the pages must end");
        }

        Assert.Equal(aalborg, paged);
        using var all = await api.GetAsync(new Uri("/api/agreements?municipality=0851", UriKind.Relative));
        Assert.False(all.Headers.Contains("Link"));
        Assert.Equal(aalborg.Order(StringComparer.Ordinal), System.Text.Json.Nodes.JsonNode.Parse(await all.Content.ReadAsStringAsync())!.AsArray().Select(row => row.Text("agreementId")).Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync(new Uri("/api/agreements?pageSize=0", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync(new Uri("/api/agreements?pageSize=201", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync(new Uri("/api/agreements?continuationToken=ikke-et-token", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("/api/agreements?municipality=0461&pageSize=2", UriKind.Relative))).StatusCode);
    }

    private async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(string principal, string path)
    {
        using var client = new PageClient(host.Api.BaseAddress!, principal);
        return await GetAsync(client, path);
    }

    private async Task AssertNoFinancingDecisionAsync(string id) =>
        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Financing, CancellationToken.None));

    internal static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(PageClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, PageForms.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Each body row's cells, as a reader sees them.</summary>
    internal static List<List<string>> Rows(IDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text()).ToList()).ToList();

    internal static void AssertNoPersonalData(IDocument page)
    {
        var text = page.DocumentElement.OuterHtml;
        foreach (var personal in new[] { "010190", AgreementForms.ResidentCpr, AgreementForms.ResidentName, AgreementForms.ResidentEmail, AgreementForms.CaseworkerName, AgreementForms.CaseworkerEmail, AgreementForms.Supervisor1, "12 34 56 78" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>
/// Eskaleringer over HTTP: an escalation raised by a low M3 measurement (100 ms policy days, so its timers must
/// fire: the test waits until both levels have passed and it is unresolved, a state no timer changes), shown to
/// the supervisors of its municipality with its reason, level, age and numbers, and decided from the list by
/// the same command and form reading as the emailed decision page.
/// </summary>
public sealed class ListPagesEscalationTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private static readonly string AarhusSupervisor = TestIdentities.Person("sup-aarhus", [Roles.Supervisor], "0751");
    private static readonly string CopenhagenSupervisor = TestIdentities.Person("sup-kbh", [Roles.Supervisor], "0101");

    [Fact]
    public async Task An_escalation_is_listed_for_its_municipalitys_supervisors_and_decided_from_the_list_after_refused_posts_that_change_nothing()
    {
        var id = await host.UpToMonitoringAsync(TestPolicies.UnhurriedPeople.Name);
        // Baseline 20 % and 200.000 kr.: M3 needs at least 10 % and at most 230.000 kr. M12 and M36 on track: no other escalation.
        await host.StepAsync(id, "measurements", Steps.Measurement("M3", 0.05m, 260_000m, 10_000m));
        await host.StepAsync(id, "measurements", AgreementForms.OnTrack("M12"));
        await host.StepAsync(id, "measurements", AgreementForms.OnTrack("M36"));
        var unresolved = await host.WaitForAsync(id, a => a.Array("escalations").Any(e => e.Text("status") == "Unresolved"), "the M3 escalation to pass its last level");
        var escalationId = Assert.Single(unresolved.Array("escalations")).Text("escalationId");
        await host.WaitForTasksAsync(id, tasks => tasks.Any(t => t.EscalationId == escalationId && t.Level == 2), "the level-2 task");
        using var supervisor = new PageClient(host.Api.BaseAddress!, AarhusSupervisor);
        const string list = "/eskaleringer";
        var action = $"/eskaleringer/{escalationId}/beslutning";

        var (status, page) = await ListPagesTests.GetAsync(supervisor, list);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Eskaleringer", page.QuerySelector("h1")!.Text());
        var item = page.GetElementById($"eskalering-{escalationId}")!;
        Assert.Equal("En måling ligger under tærsklen", item.QuerySelector("h2")!.Text());
        var facts = item.QuerySelector("dl.facts")!.Text();
        Assert.Contains($"Flytteaftale {id} (Aarhus)", facts, StringComparison.Ordinal);
        Assert.Contains("Niveau 2", facts, StringComparison.Ordinal);
        Assert.Contains("Afventer beslutning (fristen er overskredet)", facts, StringComparison.Ordinal);
        Assert.Matches(@"Rejst \d{1,2}\. \p{L}+ \d{4} \((i dag|for 1 dag siden|for \d+ dage siden)\)", facts);
        Assert.Contains("Overskredet", facts, StringComparison.Ordinal);
        Assert.Equal(
            ["Selvforsørgelsesgrad | 20 % | 5 % | mindst 10 % | Under tærsklen", "Ressourcetræk pr. år | 200.000 kr. | 260.000 kr. | højst 230.000 kr. | Over tærsklen"],
            item.QuerySelectorAll("table.indicator-numbers tbody tr").Select(row => string.Join(" | ", row.Children.Select(cell => cell.Text()))));
        ListPagesTests.AssertNoPersonalData(page);

        // Others: the other municipality's supervisors do not see it; other roles get the 403 page.
        using var copenhagen = new PageClient(host.Api.BaseAddress!, CopenhagenSupervisor);
        var (_, forCopenhagen) = await ListPagesTests.GetAsync(copenhagen, list);
        Assert.Null(forCopenhagen.GetElementById($"eskalering-{escalationId}"));
        foreach (var other in new[] { PageForms.AarhusCaseworker, PageForms.Monitoring, PageForms.AarhusFinanceApprover })
        {
            using var client = new PageClient(host.Api.BaseAddress!, other);
            var (forbidden, refusal) = await ListPagesTests.GetAsync(client, list);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden);
            Assert.Contains("Eskaleringer afgøres af tilsynet.", refusal.Body!.Text(), StringComparison.Ordinal);
        }

        // Refused posts: the other municipality's supervisor (403 page), no decision chosen (the error by the field); nothing decided.
        // Their list offers no form to take the antiforgery token from.
        using var foreign = await copenhagen.SubmitAsync("/log-ind", action, ("decision", "close"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("Kun tilsynet i aftalens kommune", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var undecided = await supervisor.SubmitAsync(list, action, ("note", "Jeg ringer."));
        Assert.Equal(HttpStatusCode.BadRequest, undecided.StatusCode);
        var errors = PageForms.Parse(await undecided.Content.ReadAsStringAsync());
        Assert.Equal("Fejl: Feltet skal udfyldes.", errors.GetElementById($"field-{escalationId}-decision-error")!.Text());
        Assert.Equal($"#field-{escalationId}-decision", errors.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Jeg ringer.", errors.GetElementById($"field-{escalationId}-note")!.Text());
        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, escalationId, CancellationToken.None));

        // The decision: back to the list with a message; the note in the vault only.
        const string note = "Ringer til borgeren i næste uge.";
        using var decided = await supervisor.SubmitAsync(list, action, ("decision", "follow-up"), ("note", note));
        Assert.Equal(list, decided.Headers.Location?.OriginalString);
        var after = PageForms.Parse(await supervisor.FollowAsync(decided));
        Assert.Equal("Tak. Beslutningen er registreret.", after.QuerySelector("[role=status]")!.Text());
        Assert.Null(after.GetElementById($"eskalering-{escalationId}"));
        var recorded = await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the decision in the read model");
        Assert.Equal("follow-up", recorded.Array("escalations")[0].Text("decision"));
        Assert.Equal(note, await host.Services.GetRequiredService<IPersonalDataVault>().FindEscalationNoteAsync(id, escalationId, CancellationToken.None));
        Assert.DoesNotContain("Ringer til borgeren", string.Join('\n', host.EnginePayloads.Payloads), StringComparison.Ordinal);
        Assert.DoesNotContain("Ringer til borgeren", string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}

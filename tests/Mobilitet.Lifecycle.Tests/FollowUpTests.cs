using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The follow-up a supervisor decides is done by the agreement's caseworker over the API
/// (POST /api/agreements/{id}/follow-ups/{escalationId}/done): refused (problem details, in Danish, nothing changed) for
/// anyone else, for an escalation that is not the agreement's, before there is a follow-up and for a body that is not
/// JSON; accepted once and again (idempotent), recorded with who and when, and the escalation ends.
/// An hour a day, so the follow-up's deadline cannot pass during the test.
/// </summary>
public sealed class FollowUpTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private static readonly string AarhusCaseworker = TestIdentities.Person("cw-aarhus", [Roles.Caseworker], "0751");
    private static readonly string OdenseCaseworker = TestIdentities.Person("cw-odense", [Roles.Caseworker], "0461");
    private static readonly string AarhusSupervisor = TestIdentities.Person("sup-aarhus", [Roles.Supervisor], "0751");

    [Fact]
    public async Task Only_the_agreements_caseworker_marks_a_follow_up_done_once_there_is_one_and_a_repeat_is_accepted()
    {
        var id = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { DayLength = TimeSpan.FromHours(1) });
        var other = await host.StoreWithoutOrchestrationAsync();
        var escalationId = await host.StartEscalationAsync(id, Milestone.M3);
        var path = $"/api/agreements/{id}/follow-ups/{escalationId}/done";
        using var caseworker = Client(AarhusCaseworker);

        // No follow-up has been decided yet.
        await AssertProblemAsync(HttpStatusCode.Conflict, await caseworker.PostAsync(new Uri(path, UriKind.Relative), null));

        using var supervisor = Client(AarhusSupervisor);
        using (var decided = await supervisor.PostAsync(new Uri($"/api/escalations/{escalationId}/decision", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new JsonObject { ["decision"] = "follow-up" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }

        var board = host.Services.GetRequiredService<ITaskBoard>();
        await Eventually.WaitForAsync(() => board.ListForAgreementAsync(id, CancellationToken.None), tasks => tasks.Any(task => task.Kind == TaskKind.FollowUp), "the follow-up task");

        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };
        await AssertProblemAsync(HttpStatusCode.Unauthorized, await anonymous.PostAsync(new Uri(path, UriKind.Relative), null));
        using var odense = Client(OdenseCaseworker);
        await AssertProblemAsync(HttpStatusCode.Forbidden, await odense.PostAsync(new Uri(path, UriKind.Relative), null));
        await AssertProblemAsync(HttpStatusCode.Forbidden, await supervisor.PostAsync(new Uri(path, UriKind.Relative), null));
        await AssertProblemAsync(HttpStatusCode.NotFound, await caseworker.PostAsync(new Uri($"/api/agreements/{other}/follow-ups/{escalationId}/done", UriKind.Relative), null));
        await AssertProblemAsync(HttpStatusCode.NotFound, await caseworker.PostAsync(new Uri($"/api/agreements/{id}/follow-ups/{id}-esc-nothing/done", UriKind.Relative), null));
        await AssertProblemAsync(HttpStatusCode.NotFound, await caseworker.PostAsync(new Uri($"/api/agreements/{id}/follow-ups/not-an-escalation/done", UriKind.Relative), null));
        await AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, await caseworker.PostAsync(new Uri(path, UriKind.Relative), new StringContent("done", System.Text.Encoding.UTF8, "text/plain")));
        await AssertProblemAsync(HttpStatusCode.BadRequest, await caseworker.PostAsync(new Uri(path, UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json")));
        var decisions = host.Services.GetRequiredService<IDecisionLog>();
        Assert.Null(await decisions.FindAsync(id, DecisionSubjects.FollowUp(escalationId), CancellationToken.None));
        Assert.Contains(await board.ListForAgreementAsync(id, CancellationToken.None), task => task.Kind == TaskKind.FollowUp);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var done = await caseworker.PostAsync(new Uri(path, UriKind.Relative), null);
            Assert.True(done.StatusCode == HttpStatusCode.Accepted, $"attempt {attempt}: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
        }

        var recorded = (await decisions.FindAsync(id, DecisionSubjects.FollowUp(escalationId), CancellationToken.None))!;
        Assert.Equal(Actors.Caseworker, recorded.Actor);
        var finished = await host.Durable.WaitForInstanceCompletionAsync(escalationId, getInputsAndOutputs: false);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        await Eventually.WaitForAsync(() => board.ListForAgreementAsync(id, CancellationToken.None), tasks => tasks.Count == 0, "the follow-up task to close");
        var agreement = await host.GetAsync(id);
        Assert.Contains(agreement.Array("timeline"), entry => entry.Text("kind") == "FollowUpDone" && entry.Text("actor") == Actors.Caseworker);
        Assert.Single(host.EmailsAbout(id), email => email.Is("FollowUpTaskDue"));

        // Done once: still accepted as a repeat after the escalation has ended.
        using (var again = await caseworker.PostAsync(new Uri(path, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }
    }

    private HttpClient Client(string principal) => new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(principal);

    private static async Task AssertProblemAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? JsonNode.Parse(body)?["title"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(detail));
        }
    }
}

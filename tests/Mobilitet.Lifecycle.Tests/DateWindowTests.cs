using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>Every date a person gives lies in the window the policy states, so the workflow's dates stay sane.</summary>
public sealed class DateWindowTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private static readonly int MaxDaysAhead = PolicyCatalog.StandardV1.Dates.PlannedMoveMaxDaysAhead;

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("+731")]
    public async Task A_planned_move_beyond_the_policys_window_is_refused(string planned)
    {
        var form = AgreementForms.Valid(AgreementForms.Today);
        form["plannedMoveDate"] = planned.StartsWith('+')
            ? AgreementForms.Today.AddDays(int.Parse(planned, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : planned;

        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains($"højst ligge {MaxDaysAhead} dage", problem["errors"]!["plannedMoveDate"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_move_on_the_last_day_of_the_window_is_accepted()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(MaxDaysAhead)));

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task A_recorded_move_in_the_future_or_before_the_agreement_is_refused()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));

        foreach (var movedOn in new[] { new DateOnly(9999, 12, 31), AgreementForms.Today.AddDays(-400) })
        {
            using var response = await host.PostAsync($"/api/agreements/{id}/move", Steps.Move(movedOn));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal("AwaitingMove", (await host.GetAsync(id)).Text("status"));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}

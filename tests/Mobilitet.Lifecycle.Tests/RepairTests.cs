using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>No agreement is lost when the process dies between storing an agreement and starting its orchestration.</summary>
public sealed class RepairTests(FastDayHost host) : IClassFixture<FastDayHost>
{
    [Fact]
    public async Task An_agreement_stored_without_its_orchestration_is_started_by_the_repair_job_and_a_fresh_one_is_left_alone()
    {
        var interrupted = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-10), DayLength = TimeSpan.FromMilliseconds(20) });
        var inProgress = await host.StoreWithoutOrchestrationAsync();

        var started = await host.Services.GetRequiredService<UnstartedAgreementRepair>().RunAsync(host.Durable, CancellationToken.None);

        Assert.Equal(1, started);
        Assert.NotNull(await host.Durable.GetInstanceAsync(interrupted));
        Assert.Null(await host.Durable.GetInstanceAsync(inProgress));

        // Its clock started at creation ten minutes (30 000 policy days) ago: the consent period is over.
        var expired = await host.WaitForStatusAsync(interrupted, "Expired");
        Assert.Equal(4, expired.Kinds().Count(kind => kind == "ConsentReminderSent"));

        Assert.Equal(0, await host.Services.GetRequiredService<UnstartedAgreementRepair>().RunAsync(host.Durable, CancellationToken.None));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>No agreement is lost when the process dies between storing an agreement and starting its orchestration.</summary>
public sealed class RepairTests(FastDayHost host) : IClassFixture<FastDayHost>
{
    [Fact]
    public async Task An_agreement_stored_without_its_orchestration_is_started_by_the_repair_job_and_a_fresh_one_is_left_alone()
    {
        var interrupted = await StoreWithoutOrchestrationAsync(createdAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        var inProgress = await StoreWithoutOrchestrationAsync(createdAt: DateTimeOffset.UtcNow);

        var started = await host.Services.GetRequiredService<UnstartedAgreementRepair>().RunAsync(host.Durable, CancellationToken.None);

        Assert.Equal(1, started);
        Assert.NotNull(await host.Durable.GetInstanceAsync(interrupted));
        Assert.Null(await host.Durable.GetInstanceAsync(inProgress));

        // Its clock started at creation ten minutes (30 000 policy days) ago: the consent period is over.
        var expired = await host.WaitForStatusAsync(interrupted, "Expired");
        Assert.Equal(4, expired.Kinds().Count(kind => kind == "ConsentReminderSent"));

        Assert.Equal(0, await host.Services.GetRequiredService<UnstartedAgreementRepair>().RunAsync(host.Durable, CancellationToken.None));
    }

    private async Task<string> StoreWithoutOrchestrationAsync(DateTimeOffset createdAt)
    {
        var id = AgreementIds.New();
        await host.Services.GetRequiredService<IPersonalDataVault>().SaveAsync(
            id,
            new AgreementPersonalData(new Resident("0101901234", AgreementForms.ResidentName, AgreementForms.ResidentEmail, null), new Caseworker(AgreementForms.CaseworkerName, AgreementForms.CaseworkerEmail), [AgreementForms.Supervisor1], "Indskud"),
            CancellationToken.None);
        await host.Services.GetRequiredService<IAgreementRepository>().AddAsync(
            new AgreementRecord
            {
                AgreementId = id,
                MunicipalityCode = "0751",
                HousingAssociation = "Brabrand Boligforening",
                Direction = MoveDirection.Out,
                FromArea = "Gellerupparken",
                PlannedMoveDate = AgreementForms.Today.AddDays(30),
                PolicyName = "standard-v1",
                Status = AgreementStatus.AwaitingConsent,
                CreatedAt = createdAt,
                LastChangedAt = DateTimeOffset.UnixEpoch,
                DayLength = TimeSpan.FromMilliseconds(20),
                Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
                RequestedDkk = 20_000m,
                SupervisorLevels = 1,
            },
            CancellationToken.None);
        return id;
    }
}

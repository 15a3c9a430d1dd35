using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Timeline;
using Moq;

namespace Mobilitet.Workflows.Hosting.Tests.Commands;

/// <summary>The gate as a thin adapter over the durable client: what it answers for each runtime status.</summary>
public sealed class WorkflowGateTests
{
    private const string Id = "fa-0123456789abcdef0123";
    private readonly Mock<DurableTaskClient> client = new("test") { CallBase = true };
    private readonly Mock<IAgreementRepository> agreements = new();
    private readonly Mock<ITimeline> timeline = new();

    private WorkflowGate Gate() => new(
        new WorkflowFailureRecorder(agreements.Object, timeline.Object, NullLogger<WorkflowFailureRecorder>.Instance),
        TimeProvider.System,
        NullLogger<WorkflowGate>.Instance);

    private void Status(OrchestrationRuntimeStatus status, TaskFailureDetails? failure = null) =>
        client.Setup(c => c.GetInstanceAsync(Id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("AgreementLifecycle", Id) { RuntimeStatus = status, FailureDetails = failure });

    [Fact]
    public async Task A_running_workflow_lets_the_event_through()
    {
        Status(OrchestrationRuntimeStatus.Running);

        Assert.Null(await Gate().CheckAsync(client.Object, Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_workflow_being_started_is_waited_for()
    {
        Status(OrchestrationRuntimeStatus.Pending);
        client.Setup(c => c.WaitForInstanceStartAsync(Id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("AgreementLifecycle", Id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        Assert.Null(await Gate().CheckAsync(client.Object, Id, CancellationToken.None));
        client.Verify(c => c.WaitForInstanceStartAsync(Id, false, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task An_unreachable_engine_is_a_503()
    {
        client.Setup(c => c.GetInstanceAsync(Id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));

        Assert.IsType<CommandResult.Unavailable>(await Gate().CheckAsync(client.Object, Id, CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task A_missing_ended_or_suspended_workflow_is_a_409(OrchestrationRuntimeStatus? status)
    {
        if (status is { } known)
        {
            Status(known);
        }
        else
        {
            client.Setup(c => c.GetInstanceAsync(Id, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        }

        Assert.IsType<CommandResult.Conflict>(await Gate().CheckAsync(client.Object, Id, CancellationToken.None));
        agreements.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_failed_workflow_is_a_409_with_its_reason_and_is_recorded_on_the_agreement()
    {
        Status(OrchestrationRuntimeStatus.Failed, new TaskFailureDetails("System.InvalidOperationException", "The baseline is gone.", null, null, null));
        agreements.Setup(a => a.FindAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(new AgreementRecord
        {
            AgreementId = Id, MunicipalityCode = "0101", HousingAssociation = "fsb", Direction = MoveDirection.In, FromArea = "Tingbjerg",
            PlannedMoveDate = new DateOnly(2030, 1, 1), PolicyName = "standard-v1", Status = AgreementStatus.AwaitingMove,
            CreatedAt = DateTimeOffset.UtcNow, LastChangedAt = DateTimeOffset.UnixEpoch, DayLength = TimeSpan.FromDays(1),
            Baseline = null, RequestedDkk = 1m, SupervisorLevels = 1,
        });

        var refused = Assert.IsType<CommandResult.Conflict>(await Gate().CheckAsync(client.Object, Id, CancellationToken.None));

        Assert.Contains("InvalidOperationException: The baseline is gone.", refused.Detail, StringComparison.Ordinal);
        timeline.Verify(t => t.AppendAsync(Id, It.Is<TimelineEntry>(e => e.Kind == TimelineKind.WorkflowFailed && e.Detail == "InvalidOperationException: The baseline is gone."), It.IsAny<CancellationToken>()));
        agreements.Verify(a => a.UpdateAsync(Id, It.IsAny<DateTimeOffset>(), It.IsAny<Func<AgreementRecord, AgreementRecord>>(), It.IsAny<CancellationToken>()));
    }
}
